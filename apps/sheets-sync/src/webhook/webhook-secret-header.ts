import type { IncomingMessage, Server } from 'node:http';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

export const WEBHOOK_SECRET_HEADER = 'x-pokervod-webhook-secret';

/** Secrets taken off requests before anything else sees them. */
const presented = new WeakMap<IncomingMessage, string>();

/** The secret a request presented (moved off its headers on arrival). */
export function presentedSecret(req: IncomingMessage): string | undefined {
  return presented.get(req);
}

/**
 * The HTTP access log writes every request header, and redacts only the
 * ones @pokervod/telemetry lists (not this one yet). So the secret is moved
 * off the request the moment it arrives — before Express, and so before the
 * logger, runs — and kept aside for the guard. Remove once REDACTED_PATHS
 * has `req.headers["x-pokervod-webhook-secret"]`.
 */
@Injectable()
export class WebhookSecretHeader implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', (req: IncomingMessage) => {
      const value = req.headers[WEBHOOK_SECRET_HEADER];
      if (value === undefined) return;
      presented.set(req, Array.isArray(value) ? (value[0] ?? '') : value);
      delete req.headers[WEBHOOK_SECRET_HEADER];
    });
  }
}
