import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { HitCounterStorage } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { DbGate } from './db-gate';

/**
 * Rate limits per client (`@nestjs/throttler`, in memory per replica). Only
 * the expensive routes use `ThrottlerGuard` (search, export, stream); the
 * limit and window come from API_THROTTLE_LIMIT / API_THROTTLE_TTL_MS.
 */
@Module({})
export class ThrottleModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ThrottleModule,
      global: true,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: config.API_THROTTLE_TTL_MS, limit: config.API_THROTTLE_LIMIT }],
          errorMessage: 'too many requests; slow down',
          storage: new HitCounterStorage(),
        }),
      ],
      providers: [ThrottlerGuard, DbGate],
      exports: [ThrottlerModule, ThrottlerGuard, DbGate],
    };
  }
}
