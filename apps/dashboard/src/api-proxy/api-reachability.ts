import { Inject, Injectable } from '@nestjs/common';
import { ReadinessService } from '@pokervod/service-kit';
import { DASHBOARD_OPTIONS, DashboardOptions } from '../spa/frontend.middleware';
import { SpaFiles } from '../spa/spa-files';

/** Ready = the built SPA is there to serve and the API it shows answers. */
@Injectable()
export class DashboardReadiness {
  constructor(@Inject(DASHBOARD_OPTIONS) options: DashboardOptions, spa: SpaFiles, readiness: ReadinessService) {
    readiness.register('spa', async () => spa.problem());
    readiness.register('api', async () => {
      const res = await fetch(new URL('/health/live', options.apiUrl), { signal: AbortSignal.timeout(2000) });
      return res.ok ? null : `API answered ${res.status}`;
    });
  }
}
