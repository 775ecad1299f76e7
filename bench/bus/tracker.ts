import { now } from '../shared/util';

/**
 * Records, for events 0..n-1 of one phase, when their handler ran and (for the
 * Postgres bus) when the handler's transaction committed. The sequential
 * driver waits for one event at a time; the throughput driver waits for all.
 */
export class PhaseTracker {
  readonly handledAt: Float64Array;
  readonly committedAt: Float64Array;
  private done = 0;
  private pending: { i: number; resolve: () => void; reject: (e: Error) => void } | null = null;
  private allWaiter: { resolve: (t: number) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;
  lastProgress = now();
  strays = 0;
  duplicates = 0;
  lastCompletedAt = NaN;

  constructor(
    readonly tag: string,
    readonly n: number,
    readonly waitForCommit: boolean,
  ) {
    this.handledAt = new Float64Array(n).fill(NaN);
    this.committedAt = new Float64Array(n).fill(NaN);
  }

  /** The handler of event `i` of phase `tag` started, at time `t`. */
  handled(tag: string, i: number, t: number): void {
    if (tag !== this.tag || !(i >= 0 && i < this.n)) {
      this.strays++;
      return;
    }
    if (!Number.isNaN(this.handledAt[i])) {
      this.duplicates++;
      return;
    }
    this.handledAt[i] = t;
    this.lastProgress = t;
    if (!this.waitForCommit) this.complete(i, t);
  }

  /** The transaction that handled event `i` committed, at time `t`. */
  committed(tag: string, i: number, t: number): void {
    if (tag !== this.tag || !(i >= 0 && i < this.n) || !Number.isNaN(this.committedAt[i])) return;
    this.committedAt[i] = t;
    this.lastProgress = t;
    if (this.waitForCommit) this.complete(i, t);
  }

  private complete(i: number, t: number): void {
    this.done++;
    if (this.pending && this.pending.i === i) {
      const p = this.pending;
      this.pending = null;
      p.resolve();
    }
    if (this.done === this.n) {
      this.lastCompletedAt = t;
      this.allWaiter?.resolve(t);
      this.allWaiter = null;
    }
  }

  private isComplete(i: number): boolean {
    return !Number.isNaN(this.waitForCommit ? this.committedAt[i] : this.handledAt[i]);
  }

  /** Resolves once event `i` is handled (and committed, when tracking commits). One waiter at a time. */
  waitFor(i: number): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.isComplete(i)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending = { i, resolve, reject };
    });
  }

  /** Resolves with the time the last of the n events completed. */
  waitForAll(): Promise<number> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.done === this.n) return Promise.resolve(this.lastCompletedAt);
    return new Promise((resolve, reject) => {
      this.allWaiter = { resolve, reject };
    });
  }

  get completed(): number {
    return this.done;
  }

  fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    this.pending?.reject(error);
    this.allWaiter?.reject(error);
    this.pending = null;
    this.allWaiter = null;
  }
}

/**
 * Fails the tracker when nothing was handled for `stallMs`; bounds every
 * phase even if a message is lost. Returns a function that stops watching.
 */
export function watchForStall(tracker: PhaseTracker, stallMs: number, what: string): () => void {
  tracker.lastProgress = now();
  const timer = setInterval(() => {
    if (now() - tracker.lastProgress > stallMs) {
      tracker.fail(new Error(`${what}: no progress for ${stallMs} ms (${tracker.completed}/${tracker.n} done)`));
    }
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}
