import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventType, ParsedMetadata } from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';
import { CommandFailedError } from '@pokervod/messaging';
import { waitFor } from '@pokervod/testing';
import { TEST_API_KEY, added, nasEvent, videoFile, useCatalogInWorld } from '../../test/catalog-harness';

describe('curation survives reconciles (real RabbitMQ + Postgres)', () => {
  const catalog = useCatalogInWorld('catcur');
  const episodeOf: Record<string, string> = {};

  const sql = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await catalog.pg.query(text, params)).rows as T[];
  const api = async (method: string, path: string, body?: unknown, key: string | null = TEST_API_KEY) => {
    const res = await fetch(`${catalog.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const handled = async (events: EventEnvelope[]) => {
    const ids = events.map((e) => e.id);
    await waitFor(
      async () =>
        (await sql(`SELECT count(*)::int AS n FROM catalog.inbox WHERE event_id = ANY($1)`, [ids]))[0].n === ids.length,
      { timeoutMs: 15_000, description: 'events handled' },
    );
  };
  const fileEpisode = async (fileId: string) =>
    (await sql(`SELECT episode_id, pinned FROM catalog.files WHERE id = $1`, [fileId]))[0];
  /** Publishes catalog.update.requested and waits for the answer carrying its correlation id. */
  const reconcile = async () => {
    const correlationId = randomUUID();
    await catalog.system.publish([nasEvent(EventType.CATALOG_UPDATE_REQUESTED, { reason: 'test' }, { correlationId })]);
    const updated = await waitFor(() => catalog.system.of(EventType.CATALOG_UPDATED, correlationId)[0], {
      timeoutMs: 15_000,
      description: 'catalog.updated for the request',
    });
    const status = await waitFor(() =>
      catalog.system.of(EventType.BLOCK_STATUS, correlationId).find((e) => e.payload.status !== 'in_progress'),
    );
    return { updated, status };
  };

  beforeAll(async () => {
    // As an older parser version read it: the wrong year.
    const name = 'WSOP/2017/WSOP_2017_Main_Event_Day2.mp4';
    const stale: ParsedMetadata = { ...parseFilename(name), year: 2016 };
    const files = [
      videoFile('1a-1', 'WSOP/2017/WSOP_2017_Main_Event_Day1A_Part1.mp4'),
      videoFile('1a-2', 'WSOP/2017/WSOP_2017_Main_Event_Day1A_Part2.mp4'),
      videoFile('1b-1', 'WSOP/2017/WSOP_2017_Main_Event_Day1B_Part1.mp4'),
      videoFile('1c-1', 'WSOP/2017/WSOP_2017_Main_Event_Day1C_Part1.mp4'),
      videoFile('loose', 'incoming/cam_b_4021.mp4'),
      videoFile('stale', name, { parsed: stale }),
    ];
    const events = files.map((f) => added(f));
    await catalog.system.publish(events);
    await handled(events);
    for (const f of files) episodeOf[f.id] = (await fileEpisode(f.id)).episode_id;
  }, 60_000);

  it('renames an episode over REST and keeps the name through a reconcile', async () => {
    const id = episodeOf['1a-1'];
    const res = await api('PATCH', `/api/catalog/episodes/${id}`, { title: 'Opening Day, Flight A' });
    expect(res).toEqual({ status: 200, body: { id, title: 'Opening Day, Flight A', project_code: 'WSOP' } });
    await reconcile();
    expect((await api('GET', `/api/catalog/episodes/${id}`)).body).toMatchObject({
      title: 'Opening Day, Flight A',
      title_locked: true,
      label: 'Day 1A',
      files: [expect.objectContaining({ id: '1a-1' }), expect.objectContaining({ id: '1a-2' })],
    });
  });

  it('merges one episode into another; its files follow, and so does a later file of its name', async () => {
    const into = episodeOf['1b-1'];
    const from = episodeOf['1c-1'];
    const merged = await catalog.system.request('catalog.merge_episodes', {
      into_episode_id: into,
      from_episode_id: from,
    });
    expect(merged).toEqual({ id: into, title: 'WSOP 2017 Main Event Day 1B', project_code: 'WSOP' });
    expect((await fileEpisode('1c-1')).episode_id).toBe(into);
    // Repeated: the same answer, nothing changes.
    await expect(
      catalog.system.request('catalog.merge_episodes', { into_episode_id: into, from_episode_id: from }),
    ).resolves.toEqual(merged);

    await reconcile();
    expect((await fileEpisode('1c-1')).episode_id).toBe(into);
    expect((await api('GET', `/api/catalog/episodes/${from}`)).body).toMatchObject({ merged_into: into, files: [] });

    const later = added(videoFile('1c-2', 'WSOP/2017/WSOP_2017_Main_Event_Day1C_Part2.mp4'));
    await catalog.system.publish([later]);
    await handled([later]);
    expect((await fileEpisode('1c-2')).episode_id).toBe(into);
    const tree = (await api('GET', '/api/catalog/tree?project=wsop')).body;
    const titles = tree.projects[0].seasons.flatMap((s: any) =>
      s.events.flatMap((e: any) => e.episodes.map((ep: any) => `${s.label}: ${ep.title} (${ep.files})`)),
    );
    // The 2016 episode lost its file when the first reconcile re-read the name; it stays, empty.
    expect(titles).toEqual([
      '2016: WSOP 2016 Main Event Day 2 (0)',
      '2017: Opening Day, Flight A (2)',
      '2017: WSOP 2017 Main Event Day 1B (3)',
      '2017: WSOP 2017 Main Event Day 2 (1)',
    ]);
  });

  it('pins files to an episode; a reconcile leaves them there, unpinning lets the name decide again', async () => {
    const target = episodeOf['1b-1'];
    const pin = await api('PUT', '/api/catalog/files/loose/episode', { episode_id: target });
    expect(pin).toEqual({
      status: 200,
      body: {
        file_id: 'loose',
        pinned: true,
        episode: { id: target, title: 'WSOP 2017 Main Event Day 1B', project_code: 'WSOP' },
      },
    });
    await catalog.system.request('catalog.pin_file', { file_id: '1a-2', episode_id: target });
    // A NAS change of a pinned file does not move it either.
    const touched = added(videoFile('1a-2', 'WSOP/2017/WSOP_2017_Main_Event_Day1A_Part2.mp4'));
    await catalog.system.publish([touched]);
    await handled([touched]);

    const { updated, status } = await reconcile();
    expect(await fileEpisode('loose')).toEqual({ episode_id: target, pinned: true });
    expect(await fileEpisode('1a-2')).toEqual({ episode_id: target, pinned: true });
    expect(updated.payload).toMatchObject({ episodes: 4, files: 7, unsorted: 0 });
    expect(status.payload).toMatchObject({ block_id: 'B', status: 'completed', items_processed: 7, items_total: 7 });

    const unpinned = await catalog.system.request('catalog.pin_file', { file_id: 'loose', episode_id: null });
    expect(unpinned).toEqual({ file_id: 'loose', episode: null, pinned: false });
    expect((await api('GET', '/api/catalog/unsorted')).body.files.map((f: any) => f.id)).toEqual(['loose']);
    await catalog.system.request('catalog.pin_file', { file_id: '1a-2', episode_id: null });
    expect(await fileEpisode('1a-2')).toEqual({ episode_id: episodeOf['1a-1'], pinned: false });
  });

  it('answers catalog.update.requested with the counts under its correlation id; a repeat changes nothing', async () => {
    const { updated, status } = await reconcile();
    const [db] = await sql(
      `SELECT (SELECT count(*) FROM catalog.seasons)::int AS seasons, (SELECT count(*) FROM catalog.events)::int AS events`,
    );
    expect(updated.payload).toEqual({ projects: 1, ...db, episodes: 4, files: 7, unsorted: 1 });
    expect(updated.source_block).toBe('B');
    expect(status.payload.message).toMatch(/0 files re-placed, 0 titles updated$/);
    expect(
      catalog.system.of(EventType.BLOCK_STATUS, updated.correlation_id).some((e) => e.payload.status === 'in_progress'),
    ).toBe(true);
  });

  it('re-parses names stored from another parser version', async () => {
    const [row] = await sql(
      `SELECT e.title, f.parser_version FROM catalog.files f JOIN catalog.episodes e ON e.id = f.episode_id WHERE f.id = 'stale'`,
    );
    expect(row.title).toBe('WSOP 2017 Main Event Day 2');
    expect(row.parser_version).toBeGreaterThan(0);
    expect(episodeOf['stale']).not.toBe((await fileEpisode('stale')).episode_id);
  });

  it('creates a project over REST and by command, announcing it once', async () => {
    const res = await api('POST', '/api/catalog/projects', { code: 'kpt', name: 'Korea Poker Tour' });
    expect(res).toEqual({ status: 201, body: { id: expect.any(String), code: 'KPT', name: 'Korea Poker Tour' } });
    await expect(
      catalog.system.request('catalog.create_project', { code: 'KPT', name: 'Korea Poker Tour (KPT)' }),
    ).resolves.toEqual({
      id: res.body.id,
      code: 'KPT',
      name: 'Korea Poker Tour (KPT)',
    });
    await waitFor(() => catalog.system.of(EventType.PROJECT_CREATED).find((e) => e.payload.code === 'KPT'));
    expect(catalog.system.of(EventType.PROJECT_CREATED).filter((e) => e.payload.code === 'KPT')).toHaveLength(1);
    const projects = (await api('GET', '/api/catalog/projects')).body;
    expect(projects.find((p: any) => p.code === 'KPT')).toMatchObject({ source: 'editor', seasons: 0 });
  });

  it('refuses curation without the API key, with a bad body, or on unknown ids', async () => {
    const id = episodeOf['1b-1'];
    expect((await api('PATCH', `/api/catalog/episodes/${id}`, { title: 'x' }, null)).status).toBe(401);
    expect((await api('PATCH', `/api/catalog/episodes/${id}`, { title: '' })).status).toBe(400);
    expect((await api('POST', `/api/catalog/episodes/${id}/merge`, { from_episode_id: id })).status).toBe(400);
    expect((await api('PATCH', `/api/catalog/episodes/${randomUUID()}`, { title: 'x' })).status).toBe(404);
    expect((await api('PUT', '/api/catalog/files/nope/episode', { episode_id: id })).status).toBe(404);
    expect((await api('GET', '/api/catalog/episodes/not-a-uuid')).status).toBe(404);
    expect((await api('GET', '/api/catalog/tree?project=NOPE')).status).toBe(404);
    await expect(
      catalog.system.request('catalog.rename_episode', { episode_id: randomUUID(), title: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' } satisfies Partial<CommandFailedError>);
  });
});
