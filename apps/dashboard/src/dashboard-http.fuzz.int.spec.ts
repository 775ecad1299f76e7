import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startServiceApp } from '@pokervod/service-kit';
import { FUZZ_ENV, FuzzRoutes, fuzzHttp } from '@pokervod/testing';
import { AppModule, dashboardConfigSchema } from './app.module';

/**
 * The dashboard's routes: service-kit's, the SPA (files and deep links) and
 * the `/api` proxy to block E. Unknown paths are deep links (index.html).
 */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /': {},
  'GET /clips/:id': {},
  'GET /assets/:file': {},
  'GET /api/search': { query: ['q', 'tag', 'limit', 'cursor'] },
  'GET /api/clips/:id': {},
  'POST /api/orchestrator/sync': { query: ['sync_type'], fields: ['sync_type'] },
};

/** Block E as the proxy sees it: answers every request with JSON (errors as {code, message}). */
function startUpstream(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const missing = req.url?.startsWith('/api/clips/');
      res.writeHead(missing ? 404 : 200, { 'Content-Type': 'application/json' });
      res.end(missing ? '{"code":"not_found","message":"no such clip"}' : '{"ok":true}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('dashboard HTTP under hostile input (fuzz, SPA + API proxy)', () => {
  let upstream: http.Server;
  let app: INestApplication;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-fuzz-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PokerVOD</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-AbC123xy.js'), 'console.log(1);');
    upstream = await startUpstream();
    ({ app, url } = await startServiceApp('dashboard', dashboardConfigSchema, (config) => AppModule.register(config), {
      API_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      DASHBOARD_WEB_DIR: dir,
      LOG_LEVEL: 'silent',
      ...FUZZ_ENV,
    }));
  });

  afterAll(async () => {
    await app?.close();
    upstream?.closeAllConnections();
    await new Promise((r) => upstream?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { numRuns: 200 });
  }, 60_000);
});
