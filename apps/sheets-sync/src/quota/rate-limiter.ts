/** What the limiter needs from time; tests pass a fake. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class QuotaWaitExceededError extends Error {
  constructor(
    readonly limiter: string,
    readonly waitMs: number,
  ) {
    super(`request quota "${limiter}" would need a ${Math.ceil(waitMs / 1000)} s wait: cut short`);
    this.name = 'QuotaWaitExceededError';
  }
}

const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests in any 60 s window, for one credential and
 * API (Google counts read requests per minute per user). A sliding window
 * rather than a token bucket: a bucket that starts full lets almost twice
 * the rate through in the first minute. Callers wait their turn in order,
 * or give up when the wait would be longer than `maxWaitMs`.
 */
export class RateLimiter {
  /** Start times of recent and already-promised requests, ascending. */
  private readonly starts: number[] = [];

  constructor(
    readonly name: string,
    readonly perMinute: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Takes one request slot, waiting if needed. */
  async take(maxWaitMs: number): Promise<void> {
    const now = this.clock.now();
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - WINDOW_MS) this.starts.shift();
    const slot =
      this.starts.length < this.perMinute
        ? now
        : Math.max(now, (this.starts[this.starts.length - this.perMinute] as number) + WINDOW_MS);
    const waitMs = slot - now;
    if (waitMs > maxWaitMs) throw new QuotaWaitExceededError(this.name, waitMs);
    this.starts.push(slot);
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }

  /** Requests that may start now without waiting. */
  available(): number {
    const now = this.clock.now();
    return Math.max(0, this.perMinute - this.starts.filter((t) => t > now - WINDOW_MS).length);
  }
}
