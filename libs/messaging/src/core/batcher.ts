export interface BatcherOptions {
  /** Items per batch at most. */
  maxSize: number;
  /**
   * How long the first waiting item waits for company before its batch
   * starts. 0: only for what arrives in the same turn of the event loop
   * (a socket read delivers many messages at once).
   */
  lingerMs: number;
  /** Batches running at once; items arriving meanwhile wait for a free slot and go together. */
  concurrency: number;
}

/**
 * Groups items into batches. A batch starts when `maxSize` items wait, or
 * `lingerMs` after the first one arrived, whichever comes first — but only
 * while fewer than `concurrency` batches run. Items that arrive while every
 * slot is busy start the moment one frees up, so under load batches grow by
 * themselves, and an item on an idle consumer waits for nothing.
 */
export class Batcher<T> {
  private waiting: T[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;

  constructor(
    readonly options: BatcherOptions,
    /** Runs one batch; must not reject (a rejection is swallowed). */
    private readonly run: (batch: T[]) => Promise<void>,
  ) {
    if (!(options.maxSize >= 1) || !(options.concurrency >= 1) || !(options.lingerMs >= 0))
      throw new Error(`invalid batch options ${JSON.stringify(options)}`);
  }

  add(item: T): void {
    this.waiting.push(item);
    if (this.running >= this.options.concurrency) return; // starts when a slot frees up
    if (this.waiting.length >= this.options.maxSize) return this.flush();
    if (this.timer) return;
    const fire = () => {
      this.timer = null;
      this.flush();
    };
    this.timer = this.options.lingerMs > 0 ? setTimeout(fire, this.options.lingerMs) : setImmediate(fire);
  }

  /** Items waiting for a batch, and batches running. */
  get load(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.running };
  }

  private flush(): void {
    this.clearTimer();
    while (this.waiting.length > 0 && this.running < this.options.concurrency) {
      const batch = this.waiting.splice(0, this.options.maxSize);
      this.running++;
      void this.run(batch)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          // What arrived meanwhile has waited long enough.
          this.flush();
        });
    }
  }

  private clearTimer(): void {
    if (!this.timer) return;
    if (this.options.lingerMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
    else clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }
}
