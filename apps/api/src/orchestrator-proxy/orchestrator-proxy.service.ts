import { Inject, Injectable } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Request, Response } from 'express';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { ApiError } from '../http/api-error';

const TIMEOUT_MS = 10_000;
/** Upstream headers passed on to the client (never cookies or hop-by-hop headers). */
const PASSED = ['content-type', 'cache-control', 'retry-after', 'etag', 'last-modified'];

/**
 * Forwards the dashboard's orchestrator calls (same origin for the browser)
 * to ORCHESTRATOR_URL: only the paths the controller names, the API key
 * added by this server for mutations, the answer and its status passed
 * through. No answer: 502 `upstream_unavailable`; too slow: 504.
 */
@Injectable()
export class OrchestratorProxy {
  private readonly base: URL;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ApiConfig) {
    this.base = new URL(config.ORCHESTRATOR_URL);
  }

  private target(path: string, query: Record<string, string | undefined>): URL {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  private open(
    method: 'GET' | 'POST',
    url: URL,
    headers: Record<string, string>,
    timeoutMs: number | null,
  ): Promise<http.IncomingMessage> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(url, { method, headers: { accept: 'application/json', ...headers } }, resolve);
      if (timeoutMs !== null)
        request.setTimeout(timeoutMs, () =>
          request.destroy(new ApiError('upstream_timeout', `the orchestrator did not answer within ${timeoutMs} ms`)),
        );
      request.on('error', (error) =>
        reject(
          error instanceof ApiError
            ? error
            : new ApiError('upstream_unavailable', `the orchestrator is not reachable: ${error.message}`),
        ),
      );
      request.end();
    });
  }

  /** A JSON call: the upstream status and body, passed through. */
  async forward(
    res: Response,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | undefined> = {},
    withKey = false,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    if (withKey && this.config.ORCHESTRATOR_API_KEY) headers['x-api-key'] = this.config.ORCHESTRATOR_API_KEY;
    const upstream = await this.open(method, this.target(path, query), headers, TIMEOUT_MS);
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      upstream.on('data', (c: Buffer) => chunks.push(c));
      upstream.on('end', resolve);
      upstream.on('error', () => reject(new ApiError('upstream_unavailable', 'the orchestrator broke off its answer')));
    });
    this.copyHeaders(upstream, res);
    res.status(upstream.statusCode ?? 502).send(Buffer.concat(chunks));
  }

  /** Server-sent events, passed through as they come until either side closes. */
  async stream(req: Request, res: Response, path: string): Promise<void> {
    const upstream = await this.open('GET', this.target(path, {}), { accept: 'text/event-stream' }, null);
    this.copyHeaders(upstream, res);
    res.status(upstream.statusCode ?? 502);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const close = () => upstream.destroy();
    req.on('close', close);
    upstream.on('data', (chunk: Buffer) => res.write(chunk));
    upstream.on('end', () => res.end());
    upstream.on('error', () => res.end());
  }

  private copyHeaders(upstream: http.IncomingMessage, res: Response): void {
    for (const name of PASSED) {
      const value = upstream.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
  }
}
