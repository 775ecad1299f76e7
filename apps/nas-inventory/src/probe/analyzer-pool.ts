import mediaInfoFactory, { type MediaInfo as Analyzer } from 'mediainfo.js';

export type { Analyzer };

/**
 * One MediaInfoLib instance (mediainfo.js: MediaInfoLib compiled to WASM).
 * Its WASM file is found beside the package's own script, so it stays found
 * as long as the bundle leaves node_modules external (tools/webpack).
 */
export function createAnalyzer(): Promise<Analyzer> {
  return mediaInfoFactory({ format: 'object', full: false });
}

/**
 * MediaInfoLib instances for probes running at once. An instance analyses
 * one file at a time, so each probe borrows its own; they are made when first
 * needed (tens of ms; ~30 MB resident for the first, ~10 MB each more) and
 * kept for the next probe.
 */
export class AnalyzerPool {
  private readonly idle: Analyzer[] = [];
  private readonly waiting: Array<() => void> = [];
  /** Instances made (or being made) and not retired: idle or lent out. */
  private live = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly create: () => Promise<Analyzer> = createAnalyzer,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a whole number ≥ 1, got ${size}`);
  }

  get stats(): { live: number; idle: number } {
    return { live: this.live, idle: this.idle.length };
  }

  /** An instance for this caller alone, made if none is idle; give it back with release (or retire). */
  async acquire(): Promise<Analyzer> {
    for (;;) {
      if (this.closed) throw new Error('analyzer pool closed');
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.live < this.size) {
        this.live++;
        try {
          return await this.create();
        } catch (error) {
          this.live--;
          this.wakeOne();
          throw error;
        }
      }
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  release(analyzer: Analyzer): void {
    if (this.closed) return analyzer.close();
    this.idle.push(analyzer);
    this.wakeOne();
  }

  /**
   * Takes an instance out of the pool for good: a probe that timed out may
   * still be waiting on a read (a hung share), and its instance is closed
   * once that analysis ends. The pool makes a fresh one in its place.
   */
  retire(analyzer: Analyzer, analysis: Promise<unknown>): void {
    this.live--;
    void analysis.then(
      () => analyzer.close(),
      () => analyzer.close(),
    );
    this.wakeOne();
  }

  /** Frees every idle instance now and each lent-out one when it comes back. */
  close(): void {
    this.closed = true;
    for (const analyzer of this.idle.splice(0)) analyzer.close();
    for (const wake of this.waiting.splice(0)) wake();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}
