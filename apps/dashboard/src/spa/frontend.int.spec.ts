import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppModule, dashboardConfigSchema } from '../app.module';
import { IMMUTABLE, REVALIDATE } from './cache-policy';
import { PAGE_POLICY } from './spa-files';

/**
 * The dashboard app over real HTTP: the built SPA from a folder, `/api/*`
 * proxied to a stand-in for block E (a local HTTP server that records what
 * reached it), health and metrics from service-kit.
 */
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function startFakeApi(seen: Seen[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/health/live') return void res.end('{"status":"ok"}');
      if (req.url === '/api/orchestrator/status/stream') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        res.write('event: status\ndata: {"overall":"in_progress"}\n\n');
        // Holds the stream open: the first event must reach the browser now, not when the stream ends.
        return;
      }
      if (req.url === '/api/files/7/stream') {
        const m = /bytes=(\d+)-(\d+)/.exec(String(req.headers.range));
        if (!m) return void res.writeHead(200, { 'Content-Length': VIDEO.length }).end(VIDEO);
        const [start, end] = [Number(m[1]), Number(m[2])];
        res.writeHead(206, {
          'Content-Type': 'video/mp4',
          'Accept-Ranges': 'bytes',
          'Content-Range': `bytes ${start}-${end}/${VIDEO.length}`,
          'Content-Length': end - start + 1,
          ETag: '"v1"',
        });
        return void res.end(VIDEO.subarray(start, end + 1));
      }
      if (req.url?.startsWith('/api/missing')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return void res.end('{"code":"not_found","message":"no such thing"}');
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Upstream': 'api' });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function startDashboard(apiUrl: string, webDir: string): Promise<{ app: INestApplication; url: string }> {
  const config = {
    ...dashboardConfigSchema.parse({ API_URL: apiUrl, DASHBOARD_WEB_DIR: webDir, LOG_LEVEL: 'silent' }),
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** Raw GET without fetch's automatic decompression, to see what went over the wire. */
function rawGet(
  url: string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('dashboard app (SPA + API proxy)', () => {
  const seen: Seen[] = [];
  let api: http.Server;
  let apiUrl: string;
  let outer: string;
  let webDir: string;
  let dashboard: { app: INestApplication; url: string };

  beforeAll(async () => {
    outer = mkdtempSync(join(tmpdir(), 'dashboard-'));
    writeFileSync(join(outer, 'outside.txt'), 'OUTSIDE');
    webDir = join(outer, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-AbC123xy.js'), SCRIPT);
    writeFileSync(join(webDir, '.env'), 'SECRET=1');
    api = await startFakeApi(seen);
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    dashboard = await startDashboard(apiUrl, webDir);
  });

  afterAll(async () => {
    await dashboard?.app.close();
    api?.closeAllConnections();
    await new Promise((r) => api?.close(r));
    rmSync(outer, { recursive: true, force: true });
  });

  it('serves index.html for / and for deep links, revalidated on every load', async () => {
    for (const path of ['/', '/clips/42', '/catalog/WSOP/2023', '/search?q=bluff']) {
      const res = await fetch(dashboard.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe(REVALIDATE);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_POLICY);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets as immutable, compressed when the browser accepts it, and 304 on a matching ETag', async () => {
    const plain = await rawGet(`${dashboard.url}/assets/index-AbC123xy.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.body.toString()).toBe(SCRIPT);

    const gz = await rawGet(`${dashboard.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    expect(
      (await rawGet(`${dashboard.url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip, br' })).headers[
        'content-encoding'
      ],
    ).toBe('br');

    const again = await rawGet(`${dashboard.url}/assets/index-AbC123xy.js`, { 'if-none-match': plain.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers 404, not HTML, for a missing file or a dotfile, and never serves a file outside the root', async () => {
    for (const path of ['/assets/index-old12345.js', '/.env', '/favicon.ico']) {
      const res = await rawGet(dashboard.url + path);
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain('SECRET');
    }
    // Sent as written (fetch would normalize the dots away first).
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/..%5coutside.txt',
    ]) {
      const res = await rawGet(dashboard.url + path);
      expect(res.body.toString()).not.toContain('OUTSIDE');
      expect(res.status).toBe(404);
    }
  });

  it('proxies /api/* to the API with path, query, method, headers and body', async () => {
    seen.length = 0;
    const q = encodeURIComponent('블러프 올인');
    const res = await fetch(`${dashboard.url}/api/search?q=${q}&tag=bluff&tag=all-in`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-upstream')).toBe('api');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/api/search?q=${q}&tag=bluff&tag=all-in` });

    const post = await fetch(`${dashboard.url}/api/orchestrator/sync?sync_type=full`, {
      method: 'POST',
      headers: { 'X-API-Key': 'k'.repeat(32), 'Content-Type': 'application/json' },
      body: JSON.stringify({ note: '전체 동기화' }),
    });
    expect(post.status).toBe(200);
    const hit = seen.find((s) => s.method === 'POST')!;
    expect(hit.url).toBe('/api/orchestrator/sync?sync_type=full');
    expect(hit.headers['x-api-key']).toBe('k'.repeat(32));
    expect(JSON.parse(hit.body)).toEqual({ note: '전체 동기화' });
    expect(hit.headers['x-forwarded-host']).toBe(new URL(dashboard.url).host);
  });

  it('passes the API status and error body through', async () => {
    const res = await fetch(`${dashboard.url}/api/missing/1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'no such thing' });
  });

  it('passes video Range requests through as 206 with their headers', async () => {
    const res = await fetch(`${dashboard.url}/api/files/7/stream`, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(VIDEO.subarray(100, 200));
  });

  it('streams server-sent events without buffering them', async () => {
    const controller = new AbortController();
    const res = await fetch(`${dashboard.url}/api/orchestrator/status/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    // The fake API never ends this stream: the event can only arrive if the proxy forwards it as written.
    const { value } = await res.body!.getReader().read();
    expect(Buffer.from(value!).toString()).toContain('data: {"overall":"in_progress"}');
    controller.abort();
  });

  it('keeps /health/live, /health/ready (SPA built, API answering) and /metrics', async () => {
    expect(await (await fetch(`${dashboard.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${dashboard.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).details).toEqual({ spa: { status: 'up' }, api: { status: 'up' } });
    expect(await (await fetch(`${dashboard.url}/metrics`)).text()).toContain('process_cpu_user_seconds_total');
  });

  it('is not ready without a built SPA, and answers 502 with a JSON error when the API is down', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const broken = await startDashboard(`http://127.0.0.1:${closedPort}`, join(webDir, 'not-built'));
    try {
      const ready = await fetch(`${broken.url}/health/ready`);
      expect(ready.status).toBe(503);
      const details = ((await ready.json()) as any).details;
      expect(details.spa.status).toBe('down');
      expect(details.spa.problem).toContain('npx nx build dashboard');
      expect(details.api.status).toBe('down');

      const res = await fetch(`${broken.url}/api/projects`);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ code: 'api_unreachable' });
    } finally {
      await broken.app.close();
    }
  });
});
