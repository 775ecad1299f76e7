import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * `@nestjs/throttler` storage that counts hits per client in a fixed window
 * (rate-limiter-flexible's memory limiter), in memory per replica. The
 * throttler's own storage keeps one timestamp per hit and filters the whole
 * list on every request: with a high limit (one busy editor, or every client
 * behind one proxy) each request cost O(hits in the window) in time and
 * garbage. A counter costs the same at any rate.
 */
export class HitCounterStorage implements ThrottlerStorage {
  /** One limiter per throttler setting (name, window, limit, block); each holds its clients' counters. */
  private readonly limiters = new Map<string, RateLimiterMemory>();

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const limiter = this.limiterFor(throttlerName, ttl, limit, blockDuration);
    try {
      const hit = await limiter.consume(key);
      return { totalHits: hit.consumedPoints, timeToExpire: seconds(hit), isBlocked: false, timeToBlockExpire: 0 };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return {
        totalHits: refused.consumedPoints,
        timeToExpire: seconds(refused),
        isBlocked: true,
        timeToBlockExpire: seconds(refused),
      };
    }
  }

  private limiterFor(name: string, ttlMs: number, limit: number, blockMs: number): RateLimiterMemory {
    const id = `${name}:${ttlMs}:${limit}:${blockMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points: limit, duration: ttlMs / 1000, blockDuration: blockMs / 1000 });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** Whole seconds until the window (or the block) ends, as Retry-After and X-RateLimit-Reset say it. */
const seconds = (res: RateLimiterRes): number => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
