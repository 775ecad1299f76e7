import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiWorld, TEST_API_KEY, startApi } from '../../test/api-harness';

jest.setTimeout(60_000);

/** An orchestrator's HTTP surface as far as the proxy uses it; records what it was asked. */
function fakeOrchestrator() {
  const seen: { method: string; url: string; key: string | undefined }[] = [];
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': 'secret=1' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/orchestrator/status') return json(200, { overall: 'idle', blocks: {} });
    if (url.pathname === '/api/orchestrator/status/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: status\ndata: {"overall":"idle"}\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/api/orchestrator/runs')
      return json(200, [{ id: 'r1', limit: url.searchParams.get('limit') }]);
    if (url.pathname.startsWith('/api/orchestrator/runs/'))
      return json(404, { statusCode: 404, message: 'no sync run' });
    if (url.pathname === '/api/orchestrator/sync')
      return req.headers['x-api-key'] === TEST_API_KEY
        ? json(202, { task_id: 't1', status: 'started', sync_type: url.searchParams.get('sync_type') })
        : json(401, { message: 'missing or wrong X-API-Key' });
    if (url.pathname === '/admin/dead-letters')
      return json(200, { queue: 'pokervod.orchestrator.dlq', dead_letters: [] });
    if (url.pathname === '/admin/dead-letters/replay') return json(200, { replayed: 2 });
    json(404, { message: 'not here' });
  });
  return {
    seen,
    streams,
    async start(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop(): Promise<void> {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('orchestrator proxy for the dashboard', () => {
  const upstream = fakeOrchestrator();
  let world: ApiWorld;
  const key = { 'x-api-key': TEST_API_KEY };

  beforeAll(async () => {
    const url = await upstream.start();
    world = await startApi('api_proxy', { env: { ORCHESTRATOR_URL: url } });
  });

  afterAll(async () => {
    await world?.stop();
    await upstream.stop();
  });

  it('passes reads through with their status and body, not the upstream’s cookies', async () => {
    const status = await world.get('/api/orchestrator/status');
    expect([status.status, status.body]).toEqual([200, { overall: 'idle', blocks: {} }]);
    expect(status.headers.get('set-cookie')).toBeNull();
    expect((await world.get('/api/orchestrator/runs?limit=5')).body).toEqual([{ id: 'r1', limit: '5' }]);
    expect((await world.get('/api/orchestrator/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await world.get('/api/orchestrator/runs/x')).status).toBe(400);
  });

  it('needs the API key for mutations and dead letters, and adds its own upstream', async () => {
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${world.url}${path}`, { method: 'POST', headers });
    const denied = await post('/api/orchestrator/sync?sync_type=full');
    expect([denied.status, ((await denied.json()) as { code: string }).code]).toEqual([401, 'unauthorized']);
    expect((await world.get('/api/orchestrator/dead-letters')).status).toBe(401);
    const before = upstream.seen.length;
    const started = await post('/api/orchestrator/sync?sync_type=full', key);
    expect([started.status, await started.json()]).toEqual([
      202,
      { task_id: 't1', status: 'started', sync_type: 'full' },
    ]);
    expect(upstream.seen.slice(before)).toEqual([
      { method: 'POST', url: '/api/orchestrator/sync?sync_type=full', key: TEST_API_KEY },
    ]);
    expect((await post('/api/orchestrator/sync?sync_type=weekly', key)).status).toBe(400);
    expect((await world.get('/api/orchestrator/dead-letters?limit=3', key)).body).toEqual({
      queue: 'pokervod.orchestrator.dlq',
      dead_letters: [],
    });
    expect(await (await post('/api/orchestrator/dead-letters/replay', key)).json()).toEqual({ replayed: 2 });
  });

  it('passes server-sent events through as they come, and lets go when the client does', async () => {
    const controller = new AbortController();
    const res = await fetch(`${world.url}/api/orchestrator/status/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('data: {"overall":"idle"}');
    for (const s of upstream.streams) s.write('event: status\ndata: {"overall":"in_progress"}\n\n');
    text = decoder.decode((await reader.read()).value);
    expect(text).toContain('in_progress');
    controller.abort();
    await new Promise((r) => setTimeout(r, 200));
    expect(upstream.streams.size).toBe(0);
  });

  it('says so when the orchestrator does not answer', async () => {
    const down = await startApi('api_proxy_down', { env: { ORCHESTRATOR_URL: 'http://127.0.0.1:9' } });
    try {
      const res = await down.get<{ code: string }>('/api/orchestrator/status');
      expect([res.status, res.body.code]).toEqual([502, 'upstream_unavailable']);
    } finally {
      await down.stop();
    }
  });
});
