interface Pending {
  promise: Promise<unknown>;
}

/**
 * One sync per source at a time in this process, in request order. A
 * "signal" (poll, webhook, command) that arrives while another signal for
 * the same source is still waiting to start joins it: both want a sync that
 * starts after they asked, and one is enough. Requests that carry their own
 * correlation (a full sync's phase 2) always get their own run.
 */
export class SyncQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly waitingSignal = new Map<string, Pending>();

  /** Runs `work` after every earlier run for `key`; `joinable` runs may be shared by later signals. */
  run<T>(key: string, work: () => Promise<T>, joinable: boolean): Promise<T> {
    if (joinable) {
      const waiting = this.waitingSignal.get(key);
      if (waiting) return waiting.promise as Promise<T>;
    }
    const previous = this.tails.get(key) ?? Promise.resolve();
    const entry: Pending = { promise: Promise.resolve() };
    const promise = previous.then(() => {
      if (this.waitingSignal.get(key) === entry) this.waitingSignal.delete(key);
      return work();
    });
    entry.promise = promise;
    if (joinable) this.waitingSignal.set(key, entry);
    const tail = promise.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return promise;
  }

  /** A run for `key` is going or waiting. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Resolves when every run queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
