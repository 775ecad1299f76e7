import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { ApiError } from './api-error';

/**
 * How many HTTP requests query Postgres at once. The app's pool is small
 * (libs/persistence POOL_MAX) and event handlers and the refresher need
 * connections too: a burst of searches must not starve them (an event whose
 * handler cannot get a connection is dead-lettered). Requests beyond the
 * limit wait their turn, up to `API_DB_WAIT_MS`, then get 503 `unavailable`.
 */
@Injectable()
export class DbGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ApiConfig) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.config.API_DB_CONCURRENCY) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.active++;
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(
          new ApiError('unavailable', 'the server is too busy to answer now; try again shortly', undefined, {
            'Retry-After': '1',
          }),
        );
      }, this.config.API_DB_WAIT_MS);
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
