import { join } from 'node:path';
import { waitFor } from '@pokervod/testing';
import { TestSystem } from './support/system';

const REPO = join(__dirname, '..');

/**
 * Issue #11 end to end: the real blocks A–D, the orchestrator and the API
 * as processes, a full sync over the sample NAS and hand log. The API's
 * read model — built only from their events and snapshot commands — must
 * say what the blocks hold: the same clips at the same frames with the same
 * tags, the same catalog tree and Unsorted files, the same row outcomes,
 * the sheet's bad rows; and after a reindex from the blocks' snapshots, the
 * same again.
 */
describe('the API read model after a full sync of the sample NAS and hand log', () => {
  const system = new TestSystem(
    ['orchestrator', 'nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync', 'api'],
    {
      POKERVOD_HOME: REPO,
      NAS_ROOTS: `nas=${join(REPO, 'samples', 'nas')}`,
      NAS_PATH_PREFIXES: '\\\\nas\\poker=nas',
      NAS_STABLE_SECONDS: '0',
      SHEETS_SOURCES: 'file:samples/hand-log/hand-log.csv',
      SHEETS_POLL_SECONDS: '3600',
    },
    { readyTimeoutMs: 120_000 },
  );

  beforeAll(() => system.start(), 240_000);
  afterAll(() => system.cleanUp(), 60_000);

  type App = 'orchestrator' | 'catalog' | 'hand-analysis' | 'sheets-sync' | 'api';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (app: App, path: string, headers: Record<string, string> = {}): Promise<any> => {
    const res = await fetch(`${system.app(app).url}${path}`, { headers });
    expect([path, res.status]).toEqual([path, 200]);
    return res.json();
  };

  /** Every page of an API list. */
  const all = async (path: string) => {
    const items: any[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const sep = path.includes('?') ? '&' : '?';
      const page: any = await get('api', `${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.next_cursor;
    }
    return items;
  };

  const handClips = async () => (await get('hand-analysis', '/api/hands/clips?limit=500')).items as any[];
  const clipFacts = (c: any) => ({
    id: c.id,
    in: c.in.frame,
    out: c.out.frame,
    status: c.status,
    reasons: c.reasons,
    tags: c.tags.map((t: any) => t.name).sort(),
    file: c.video_file_id ?? c.file?.id ?? null,
  });

  /** The read model holds every clip block C holds, and has nothing left to fetch. */
  const settled = async () =>
    waitFor(
      async () => {
        const [rows, api, hands, ready] = await Promise.all([
          get('orchestrator', '/api/orchestrator/rows/summary'),
          get('api', '/api/clips?limit=1'),
          get('hand-analysis', '/api/hands/clips?limit=1'),
          get('api', '/health/ready'),
        ]);
        // Converged rows first: a probe landing late makes block C redo a clip at the video's real rate.
        return rows.dirty === 0 && api.total === hands.total && ready.details.read_model.refresh_backlog === 0;
      },
      { timeoutMs: 60_000, description: 'the API to hold every clip of block C' },
    );

  beforeAll(async () => {
    const res = await fetch(`${system.app('api').url}/api/orchestrator/sync?sync_type=full`, {
      method: 'POST',
      headers: { 'x-api-key': system.apiKey },
    });
    expect(res.status).toBe(202);
    const { task_id } = (await res.json()) as { task_id: string };
    await waitFor(
      async () => {
        const view = await get('api', `/api/orchestrator/runs/${task_id}`);
        return view.status === 'in_progress' ? null : view;
      },
      { timeoutMs: 180_000, description: 'the full sync (through the API proxy) to finish' },
    );
    await settled();
  }, 300_000);

  const expectSameClips = async () => {
    const compare = async () => {
      const hands = (await handClips()).map(clipFacts).sort((a, b) => a.id.localeCompare(b.id));
      const api = (await all('/api/clips')).map((c) => ({
        ...clipFacts(c),
        tags: c.tags.map((t: any) => t.name).sort(),
      }));
      return { hands, api: api.sort((a, b) => a.id.localeCompare(b.id)) };
    };
    // The last clip event may still be on its way to the read model.
    let last = await compare();
    await waitFor(
      async () => {
        last = await compare();
        return JSON.stringify(last.api) === JSON.stringify(last.hands);
      },
      { timeoutMs: 15_000, description: 'the API to show what block C holds' },
    ).catch(() => undefined);
    expect(last.hands.length).toBeGreaterThan(10);
    expect(last.api).toEqual(last.hands);
  };

  it('holds the same clips as block C: frames, status, reasons, tags, file', expectSameClips);

  it('holds the same catalog tree as block B, and the same Unsorted files', async () => {
    const tree = await get('catalog', '/api/catalog/tree');
    const catalogEpisodes = new Set<string>();
    for (const p of tree.projects)
      for (const s of p.seasons) for (const e of s.events) for (const ep of e.episodes) catalogEpisodes.add(ep.id);
    const apiEpisodes = new Set<string>();
    const projects = await get('api', '/api/projects');
    expect(projects.items.map((p: any) => p.code).sort()).toEqual(tree.projects.map((p: any) => p.code).sort());
    for (const p of projects.items) {
      const project = await get('api', `/api/projects/${p.code}`);
      for (const s of project.seasons)
        for (const e of (await get('api', `/api/seasons/${s.id}`)).events)
          for (const ep of (await get('api', `/api/events/${e.id}`)).episodes) apiEpisodes.add(ep.id);
    }
    expect([...apiEpisodes].sort()).toEqual([...catalogEpisodes].sort());

    const unsorted = await get('catalog', '/api/catalog/unsorted?limit=1000');
    const apiUnsorted = await all('/api/files?unmatched=true');
    expect(apiUnsorted.map((f) => f.id).sort()).toEqual(unsorted.files.map((f: any) => f.id).sort());
    expect(apiUnsorted.map((f) => f.file_name)).toContain('IMG_2041.MOV');
  });

  it('lists the rows that need an editor as the orchestrator and sheets-sync report them', async () => {
    const { rows } = await get('orchestrator', '/api/orchestrator/rows?outcome=unmatched&limit=1000');
    const apiUnmatched = await all('/api/rows?outcome=unmatched');
    expect(apiUnmatched.map((r) => [r.row_key, r.reason]).sort()).toEqual(
      rows.map((r: any) => [r.row_key, r.reason]).sort(),
    );
    expect(apiUnmatched.map((r) => r.row_number)).toContain(40);

    const [source] = (await get('sheets-sync', '/api/sheets/sources')).filter(
      (s: any) => s.id === 'file:samples/hand-log/hand-log.csv',
    );
    const sheetBad = (await all('/api/rows?outcome=invalid')).filter((r) => r.stage === 'sheet');
    expect(sheetBad.map((r) => [r.row_number, r.reason]).sort()).toEqual(
      source.last_result.invalid.map((r: any) => [r.row, r.reason]).sort(),
    );
    expect(sheetBad.map((r) => r.row_number).sort()).toEqual([37, 38, 39]);
  });

  it('finds, plays and exports what it holds', async () => {
    const clip = (await handClips()).find((c) => c.status === 'valid' && c.video_file_id && c.tags.length > 0);
    const tag = clip.tags[0].name;
    const found = await get('api', `/api/search?tag=${encodeURIComponent(tag)}&kind=clip&limit=100`);
    expect(found.items.map((i: any) => i.id)).toContain(clip.id);
    const redirect = await fetch(`${system.app('api').url}/api/clips/${clip.id}/stream`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    const video = await fetch(`${system.app('api').url}${location.split('#')[0]}`, {
      headers: { range: 'bytes=0-99' },
    });
    expect(video.status).toBe(206);
    expect((await video.arrayBuffer()).byteLength).toBe(100);
    const edl = await fetch(`${system.app('api').url}/api/exports?format=edl&tag=${encodeURIComponent(tag)}`);
    expect(edl.status).toBe(200);
    expect(await edl.text()).toMatch(/^TITLE: .*\r\nFCM: /);
  });

  it('rebuilds the same read model from the blocks’ snapshots (reindex)', async () => {
    const res = await fetch(`${system.app('api').url}/api/admin/reindex?wait=true`, {
      method: 'POST',
      headers: { 'x-api-key': system.apiKey },
    });
    const run = (await res.json()) as { status: string; warnings: string[]; counts: Record<string, number> };
    expect(run).toMatchObject({ status: 'completed', warnings: [] });
    await settled();
    await expectSameClips();
    expect(run.counts['clips']).toBe((await get('hand-analysis', '/api/hands/clips?limit=1')).total);
  });
});
