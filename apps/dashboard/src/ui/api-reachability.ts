import { Inject, Injectable } from '@nestjs/common';
import { ReadinessService } from '@pokervod/service-kit';
import { API_URL } from './ui.controller';

/** The dashboard is ready when the API it shows answers. */
@Injectable()
export class ApiReachability {
  constructor(@Inject(API_URL) apiUrl: string, readiness: ReadinessService) {
    readiness.register('api', async () => {
      const res = await fetch(new URL('/health/live', apiUrl), { signal: AbortSignal.timeout(2000) });
      return res.ok ? null : `API answered ${res.status}`;
    });
  }
}
