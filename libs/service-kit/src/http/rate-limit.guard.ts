import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import { HitCounterStorage } from './hit-counter-storage';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

/** The hit counters of `RateLimitGuard`, in memory per replica. */
@Injectable()
export class RateLimitStorage extends HitCounterStorage {}

/**
 * `@nestjs/throttler` for the routes that mutate or cost (sync triggers,
 * dead-letter reads and replays, curation, the sheets webhook): per client
 * and route, HTTP_RATE_LIMIT requests per HTTP_RATE_LIMIT_WINDOW_MS, then 429
 * with Retry-After. Its own tokens, so an app may still run ThrottlerModule
 * with other limits (the API does).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    // Every parameter named: ThrottlerGuard's own injection tokens would otherwise be inherited.
    @Inject(RATE_LIMIT_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(RateLimitStorage) storage: RateLimitStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}
