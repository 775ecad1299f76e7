import fc from 'fast-check';
import { EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { ApiWorld, TEST_API_KEY, startApi } from '../../test/api-harness';
import { clip, file, sampleTree } from '../../test/fixtures';

jest.setTimeout(120_000);

const PARAMS = [
  'q',
  'kind',
  'tag',
  'player',
  'project',
  'year',
  'episode',
  'file',
  'status',
  'limit',
  'cursor',
  'unmatched',
  'outcome',
  'sheet',
  'format',
  'rate',
  'drop_frame',
];
const ROUTES = [
  '/api/search',
  '/api/clips',
  '/api/files',
  '/api/rows',
  '/api/rows/summary',
  '/api/projects',
  '/api/exports',
  '/api/sync-history',
];

/** Values that have broken query parsers: huge, negative, non-numeric, SQL, Unicode, control characters, empty. */
const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 20, unit: 'grapheme' }),
  fc.constantFrom(
    '',
    '-1',
    '0',
    '1e309',
    '99999999999999999999',
    'NaN',
    "' OR 1=1 --",
    '%',
    '_',
    '\\',
    '\u0000',
    '\r\n',
    '필 아이비',
    'bluff:*',
    '!',
    '(',
    "'a':*",
    'a & b | !c',
    '😀',
    'null',
    'true',
    '2023',
    'edl',
    'clip,file',
    '00000000-0000-0000-0000-000000000000',
    'eyJrIjoieCIsInYiOltdfQ',
    'x'.repeat(5000),
  ),
);

describe('hardening', () => {
  let world: ApiWorld;
  const t = sampleTree();

  beforeAll(async () => {
    world = await startApi('api_hard', { env: { API_THROTTLE_LIMIT: '100000' } });
    const f = file('WSOP/a.mp4');
    const c = clip({
      video_file_id: f.id,
      players: 'Phil Ivey',
      description: 'bluff',
      tags: [{ name: 'bluff', category: 'action', sources: [] }],
    });
    world.blocks.tree = t.tree;
    world.blocks.clips.set(c.id, c);
    await world.blocks.publish(EventType.NAS_FILE_ADDED, {
      file: { id: f.id, root: 'nas', path: f.path, size: 1, mtime: f.mtime },
    });
    await world.blocks.publish(EventType.CATALOG_UPDATED, {});
    await world.blocks.publish(EventType.HAND_CLIP_CREATED, {
      clip_id: c.id,
      video_file_id: f.id,
      episode_id: null,
      status: 'valid',
    });
    await waitFor(async () => (await world.get<{ total: number }>('/api/clips')).body.total === 1, {
      timeoutMs: 15_000,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('never answers a 5xx to any query parameters, and every error is {code, message}', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(fc.tuple(fc.constantFrom(...PARAMS, 'tag[a]', 'limit[]', 'x'), nasty), { maxLength: 5 }),
        async (route, params) => {
          const query = params
            .map(
              ([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`,
            )
            .join('&');
          const res = await fetch(`${world.url}${route}?${query}`);
          const text = await res.text();
          expect({ route, query, status: res.status }).toEqual({ route, query, status: expect.any(Number) });
          if (res.status >= 500) throw new Error(`${route}?${query} → ${res.status} ${text.slice(0, 200)}`);
          if (res.status >= 400) {
            const body = JSON.parse(text) as { code: unknown; message: unknown };
            expect(typeof body.code).toBe('string');
            expect(typeof body.message).toBe('string');
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never answers a 5xx to odd path ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/clips/',
          '/api/files/',
          '/api/episodes/',
          '/api/events/',
          '/api/seasons/',
          '/api/projects/',
          '/api/files/%s/stream',
          '/api/clips/%s/stream',
        ),
        nasty,
        async (route, id) => {
          const path = route.includes('%s')
            ? route.replace('%s', encodeURIComponent(id))
            : `${route}${encodeURIComponent(id)}`;
          const res = await fetch(`${world.url}${path}`);
          await res.arrayBuffer();
          if (res.status >= 500) throw new Error(`${path} → ${res.status}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sets security headers (helmet)', async () => {
    const res = await world.get('/api/projects');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('serves the OpenAPI UI under the same policy: its scripts are files of its own origin', async () => {
    const res = await fetch(`${world.url}/api/docs`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.\/[\w/.-]+\.js"/);
      expect(body.trim()).toBe('');
    }
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await fetch(`${world.url}/api/orchestrator/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ pad: 'x'.repeat(200_000) }),
    });
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([413, 'payload_too_large']);
  });

  it('throttles search, export and stream per client with 429', async () => {
    const limited = await startApi('api_throttle', { env: { API_THROTTLE_LIMIT: '3', API_THROTTLE_TTL_MS: '60000' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.get('/api/search?q=x')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.get<{ code: string }>('/api/search?q=x');
      expect(res.body.code).toBe('too_many_requests');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // Browsing is not throttled.
      expect((await limited.get('/api/projects')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
