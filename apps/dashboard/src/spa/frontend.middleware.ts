import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApiProxy } from '../api-proxy/api-proxy';
import { SpaFiles } from './spa-files';

export const DASHBOARD_OPTIONS = Symbol('DASHBOARD_OPTIONS');
export interface DashboardOptions {
  apiUrl: string;
  webDir: string;
}

/** The app's own endpoints, answered by Nest controllers (service-kit). */
const OWN_ROUTES = /^\/(health(\/|$)|metrics$)/;

/**
 * Everything the browser asks the dashboard for: `/api/*` goes to block E
 * (same origin: no CORS, one port), the rest is the SPA. /health and
 * /metrics fall through to their controllers.
 */
@Injectable()
export class FrontendMiddleware implements NestMiddleware {
  private readonly proxy: ReturnType<typeof createApiProxy>;

  constructor(
    @Inject(DASHBOARD_OPTIONS) options: DashboardOptions,
    private readonly spa: SpaFiles,
  ) {
    this.proxy = createApiProxy({ apiUrl: options.apiUrl });
  }

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: (error?: unknown) => void): void {
    const url = req.originalUrl ?? req.url ?? '/';
    const pathname = url.split('?')[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      this.proxy(req, res);
      return;
    }
    if (OWN_ROUTES.test(pathname)) {
      next();
      return;
    }
    this.spa.serve(req, res).then((served) => (served ? undefined : next()), next);
  }
}
