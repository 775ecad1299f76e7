import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { BaseConfig } from '../config/service-config';

/**
 * The HTTP edge every app gets before it listens (bootstrapService calls
 * it; in-process tests may too): helmet's security headers and body limits.
 * Errors and NUL characters are handled by ServiceKitModule's global filter
 * and pipe, which tests get with the module.
 */
export function applyHttpEdge(nest: INestApplication, config: Pick<BaseConfig, 'HTTP_BODY_LIMIT'>): void {
  const app = nest as NestExpressApplication;
  app.use(
    helmet({
      contentSecurityPolicy: {
        // TLS ends at the Ingress; over plain HTTP (compose, a port-forward) upgrading would break every fetch.
        directives: { 'upgrade-insecure-requests': null },
      },
    }),
  );
  // Registered before Nest's defaults, which it then skips: the same parsers, with an explicit limit.
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.HTTP_BODY_LIMIT, extended: true });
}
