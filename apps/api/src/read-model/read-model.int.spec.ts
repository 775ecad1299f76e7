import { EventType, VideoFile } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import {
  ClipSchema,
  EpisodeDetailSchema,
  FileSchema,
  RowItemSchema,
  SearchResultSchema,
  pageOf,
} from '@pokervod/api-shapes';
import { ApiWorld, startApi } from '../../test/api-harness';
import { clip, file, now, parsed, placement, rowOutcome, sampleTree } from '../../test/fixtures';

jest.setTimeout(60_000);

type Page<T> = { items: T[]; next_cursor: string | null; total: number };
type Clip = { id: string; [k: string]: unknown };

const toVideoFile = (f: ReturnType<typeof file>): VideoFile => ({
  id: f.id,
  root: f.root,
  path: f.path,
  size: f.size,
  mtime: f.mtime,
  content_hash: f.content_hash,
  parsed: f.parsed,
  media: f.media,
});

describe('read model fed by events (real Postgres and RabbitMQ)', () => {
  let world: ApiWorld;
  const t = sampleTree();
  const f1 = file('WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4', {
    parsed: parsed({ project: 'WSOP', year: 2023 }),
  });
  const f2 = file('WSOP/2023/WSOP 2023 - Event #43 - Day 2.mp4', { parsed: parsed({ project: 'WSOP', year: 2023 }) });
  const f3 = file('EPT/EPT Prague 2022 Main Event Final Table.mp4', { parsed: parsed({ project: 'EPT', year: 2022 }) });
  const f4 = file('_unsorted/IMG_2041.MOV', { media: null });
  const c1 = clip({
    video_file_id: f1.id,
    episode_id: t.day1a.id,
    hand_no: '12',
    created_at: '2024-01-01T00:00:01.000Z',
    players: 'Phil Ivey vs Tom Dwan',
    description: 'Ivey bluffs the river with seven deuce',
    tags: [
      { name: 'bluff', category: 'action', sources: ['sheet'] },
      { name: 'river', category: 'street', sources: ['sheet'] },
      { name: 'player:phil-ivey', category: 'player', sources: ['derived'] },
    ],
    source_row_key: 'file:samples/hand-log/hand-log.csv:a.mp4@00:01:00.000',
  });
  const c2 = clip({
    video_file_id: f1.id,
    episode_id: t.day1a.id,
    hand_no: '13',
    created_at: '2024-01-01T00:00:02.000Z',
    players: '필 아이비 vs 톰 드완',
    description: '아이비가 리버에서 블러프를 성공',
    in_frame: 5400,
    out_frame: 7200,
    tags: [{ name: 'bluff', category: 'action', sources: ['sheet'] }],
  });
  const c3 = clip({
    video_file_id: f2.id,
    episode_id: null,
    players: 'Daniel Negreanu',
    created_at: '2024-01-01T00:00:03.000Z',
    description: 'Negreanu makes a hero call',
    tags: [{ name: 'hero-call', category: 'action', sources: ['sheet'] }],
    status: 'invalid',
    reasons: ['out point 02:00:00 is past the end of the video (01:00:00)'],
  });
  const c4 = clip({
    video_file_id: f3.id,
    episode_id: t.final.id,
    players: 'Phil Hellmuth',
    created_at: '2024-01-01T00:00:04.000Z',
    description: 'slowroll after the all-in',
    tags: [{ name: 'all-in', category: 'action', sources: ['derived'] }],
    rate_num: 25,
    rate_den: 1,
    in_frame: 2500,
    out_frame: 5000,
  });

  beforeAll(async () => {
    world = await startApi('api_rm');
    const { blocks } = world;
    blocks.tree = t.tree;
    for (const f of [f1, f2, f3, f4]) blocks.files.set(f.id, f);
    for (const p of [
      placement(f1, t.day1a.id, 'WSOP'),
      placement(f2, t.day2.id, 'WSOP'),
      placement(f3, t.final.id, 'EPT'),
      placement(f4, null, null),
    ])
      blocks.placements.set(p.file_id, p);
    for (const c of [c1, c2, c3, c4]) blocks.clips.set(c.id, c);

    for (const f of [f1, f2, f3, f4]) await blocks.publish(EventType.NAS_FILE_ADDED, { file: toVideoFile(f) });
    await blocks.publish(EventType.CATALOG_UPDATED, { projects: 2, episodes: 3, files: 4 });
    for (const c of [c1, c2, c3, c4])
      await blocks.publish(EventType.HAND_CLIP_CREATED, {
        clip_id: c.id,
        video_file_id: c.video_file_id,
        episode_id: c.episode_id,
        source_row_key: c.source_row_key,
        status: c.status,
      });
    await blocks.publish(EventType.SHEETS_SYNC_COMPLETED, {
      status: 'completed',
      results: [
        {
          sheet_id: 'file:samples/hand-log/hand-log.csv',
          rows_read: 9,
          invalid: [{ tab: 'hand-log', row: 7, reason: 'in: "TBD" is not a timecode' }],
          duplicates: [{ tab: 'hand-log', row: 9, duplicate_of: 3, kind: 'exact', id: null, reason: 'same as row 3' }],
        },
      ],
    });
    for (const r of [
      rowOutcome({ row_key: 'a.mp4@1', row_number: 2, outcome: 'clip', clip_id: c1.id, video_file_id: f1.id }),
      rowOutcome({
        row_key: 'missing.mp4@1',
        row_number: 4,
        outcome: 'unmatched',
        reason: 'no file matches missing.mp4',
      }),
      rowOutcome({
        row_key: 'slow.mp4@1',
        row_number: 5,
        outcome: 'pending',
        last_error: 'catalog timed out',
        attempts: 2,
      }),
      rowOutcome({ row_key: 'b.mp4@1', row_number: 6, outcome: 'invalid', clip_id: c3.id, reasons: c3.reasons }),
    ])
      await blocks.publish(EventType.ROW_OUTCOME, r);

    await waitFor(
      async () => {
        const clips = await world.get<Page<Clip>>('/api/clips');
        const rows = await world.get<Page<unknown>>('/api/rows');
        return (
          clips.body.total === 4 &&
          rows.body.total === 4 &&
          (await world.get<Page<unknown>>('/api/files')).body.total === 4
        );
      },
      { timeoutMs: 20_000, description: 'the read model to hold 4 clips, 4 files and 4 rows' },
    );
    await world.refresher.settle();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('lists every project with counts (list_projects)', async () => {
    const { status, body } = await world.get<Page<{ code: string; counts: Record<string, number> }>>('/api/projects');
    expect(status).toBe(200);
    expect(body.items.map((p) => [p.code, p.counts])).toEqual([
      ['EPT', { seasons: 1, events: 1, episodes: 1, files: 1, clips: 1 }],
      ['WSOP', { seasons: 1, events: 2, episodes: 2, files: 2, clips: 3 }],
    ]);
  });

  it('walks the tree: project → season → event → episode with files and clips', async () => {
    const project = await world.get<{ seasons: { id: string; label: string }[] }>('/api/projects/wsop');
    expect(project.status).toBe(200);
    expect(project.body.seasons.map((s) => s.label)).toEqual(['2023']);
    const season = await world.get<{ events: { id: string; label: string; counts: { clips: number } }[] }>(
      `/api/seasons/${t.s2023.id}`,
    );
    expect(season.body.events.map((e) => [e.label, e.counts.clips])).toEqual([
      ['#43 Poker Players Championship', 1],
      ['Main Event', 2],
    ]);
    const event = await world.get<{ episodes: { id: string; counts: unknown }[] }>(`/api/events/${t.main.id}`);
    expect(event.body.episodes).toEqual([expect.objectContaining({ id: t.day1a.id, counts: { files: 1, clips: 2 } })]);
    const episode = await world.get(`/api/episodes/${t.day1a.id}`);
    const detail = EpisodeDetailSchema.parse(episode.body);
    expect(detail.files.map((f) => f.id)).toEqual([f1.id]);
    expect(detail.clips.map((c) => c.id)).toEqual([c1.id, c2.id]);
    expect(detail.clips[0]).toMatchObject({
      in: { frame: 1800, smpte: '00:01:00:00', seconds: 60.06 },
      out: { frame: 3600, smpte: '00:02:00:00' },
      frame_rate: '30000/1001',
      players: ['Phil Ivey', 'Tom Dwan'],
      source: { sheet_id: 'file:samples/hand-log/hand-log.csv', tab: 'hand-log', row_number: 2 },
      stream_url: `/api/clips/${c1.id}/stream`,
    });
  });

  it('filters clips and pages through them with cursors', async () => {
    const ids = async (q: string) => (await world.get<Page<Clip>>(`/api/clips?${q}`)).body.items.map((c) => c.id);
    expect(await ids('tag=BLUFF')).toEqual([c1.id, c2.id]);
    expect(await ids('player=phil%20ivey')).toEqual([c1.id]);
    expect(await ids(`player=${encodeURIComponent('필 아이비')}`)).toEqual([c2.id]);
    expect(await ids('status=invalid')).toEqual([c3.id]);
    expect(await ids('year=2022')).toEqual([c4.id]);
    expect(await ids('project=wsop')).toEqual([c1.id, c2.id, c3.id]);
    expect(await ids(`episode=${t.day2.id}`)).toEqual([c3.id]);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: { body: Page<Clip> } = await world.get<Page<Clip>>(`/api/clips?limit=1&cursor=${cursor}`);
      pageOf(ClipSchema).parse(res.body);
      expect(res.body.total).toBe(4);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.next_cursor;
    }
    expect(seen).toEqual([c1.id, c2.id, c3.id, c4.id]);
  });

  it('shows a clip with in/out as frames, seconds and SMPTE at its own rate', async () => {
    const { body } = await world.get(`/api/clips/${c4.id}`);
    expect(ClipSchema.parse(body)).toMatchObject({
      in: { frame: 2500, seconds: 100, smpte: '00:01:40:00' },
      out: { frame: 5000, seconds: 200, smpte: '00:03:20:00' },
      frame_rate: '25/1',
      episode: { id: t.final.id, title: 'EPT Prague 2022 Main Event Final Table' },
      project_code: 'EPT',
      year: 2022,
    });
  });

  it('lists the files the catalog placed in no episode', async () => {
    const { body } = await world.get<Page<{ id: string }>>('/api/files?unmatched=true');
    pageOf(FileSchema).parse(body);
    expect(body.items.map((f) => f.id)).toEqual([f4.id]);
    const one = await world.get(`/api/files/${f1.id}`);
    expect(FileSchema.parse(one.body)).toMatchObject({
      content_type: 'video/mp4',
      clips: 2,
      episode: { id: t.day1a.id },
    });
    expect((await world.get<{ content_type: string }>(`/api/files/${f4.id}`)).body.content_type).toBe(
      'video/quicktime',
    );
  });

  it('lists the rows that need an editor, with row numbers and reasons', async () => {
    const { body } =
      await world.get<Page<{ outcome: string; row_number: number; stage: string; reason: string }>>('/api/rows');
    pageOf(RowItemSchema).parse(body);
    expect(body.items.map((r) => [r.stage, r.outcome, r.row_number])).toEqual([
      ['row', 'unmatched', 4],
      ['row', 'pending', 5],
      ['row', 'invalid', 6],
      ['sheet', 'invalid', 7],
    ]);
    expect(body.items[0].reason).toBe('no file matches missing.mp4');
    const dup = await world.get<Page<{ outcome: string; duplicate_of: number }>>('/api/rows?outcome=duplicate');
    expect(dup.body.items).toEqual([expect.objectContaining({ outcome: 'duplicate', row_number: 9, duplicate_of: 3 })]);
    const summary = await world.get('/api/rows/summary');
    expect(summary.body).toMatchObject({
      outcomes: { clip: 1, unmatched: 1, pending: 1, invalid: 1, removed: 0 },
      sheet: { invalid: 1, duplicate: 1 },
    });
  });

  describe('search', () => {
    type Result = {
      items: { kind: string; id: string }[];
      total: number;
      facets: Record<string, { value: string; count: number }[]>;
    };
    const search = async (q: string) => {
      const res = await world.get<Result>(`/api/search?${q}`);
      expect(res.status).toBe(200);
      SearchResultSchema.parse(res.body);
      return res.body;
    };
    const hits = async (q: string) => (await search(q)).items.map((i) => `${i.kind}:${i.id}`);

    it('finds clips by tag, with facets', async () => {
      const body = await search('tag=bluff');
      expect(body.items.map((i) => i.id).sort()).toEqual([c1.id, c2.id].sort());
      expect(body.facets.tags).toEqual(
        expect.arrayContaining([
          { value: 'bluff', count: 2 },
          { value: 'river', count: 1 },
        ]),
      );
      expect(body.facets.players).toEqual(
        expect.arrayContaining([
          { value: 'Phil Ivey', count: 1 },
          { value: '필 아이비', count: 1 },
        ]),
      );
      expect(body.facets.projects).toEqual([{ value: 'WSOP', count: 2 }]);
      // Each clip comes with its in/out and episode: a result list needs no request per clip.
      const second = (body.items as any[]).find((i) => i.id === c2.id);
      expect(second).toMatchObject({
        episode_title: t.day1a.title,
        in: { frame: 5400, text: c2.in_text },
        out: { frame: 7200, text: c2.out_text },
      });
      expect(second.in.smpte).toMatch(/^\d\d:\d\d:\d\d[:;]\d\d$/);
    });

    it('finds players in English and Korean (words with particles too)', async () => {
      expect(await hits('q=ivey&kind=clip')).toEqual([`clip:${c1.id}`]);
      expect(await hits(`q=${encodeURIComponent('아이비')}&kind=clip`)).toEqual([`clip:${c2.id}`]);
      expect(await hits(`q=${encodeURIComponent('블러프')}`)).toEqual([`clip:${c2.id}`]);
      expect(await hits(`player=${encodeURIComponent('톰 드완')}`)).toEqual([`clip:${c2.id}`]);
    });

    it('forgives typos', async () => {
      expect(await hits('q=negranu')).toEqual([`clip:${c3.id}`]);
      expect(await hits('q=hellmth')).toEqual([`clip:${c4.id}`]);
    });

    it('filters by year, project, episode and status', async () => {
      const y2022 = await hits('year=2022');
      expect(y2022).toEqual(expect.arrayContaining([`episode:${t.final.id}`, `file:${f3.id}`, `clip:${c4.id}`]));
      expect(y2022.some((h) => h.includes(f1.id))).toBe(false);
      expect(await hits('q=main&year=2023&kind=episode')).toEqual([`episode:${t.day1a.id}`]);
      expect(await hits('status=invalid')).toEqual([`clip:${c3.id}`]);
      expect((await hits(`episode=${t.day1a.id}`)).sort()).toEqual(
        [`episode:${t.day1a.id}`, `file:${f1.id}`, `clip:${c1.id}`, `clip:${c2.id}`].sort(),
      );
    });

    it('ranks the project first for its code and matches projects by Korean alias', async () => {
      expect((await hits('q=wsop'))[0]).toBe('project:WSOP');
      expect(await hits(`q=${encodeURIComponent('월드 시리즈')}&kind=project`)).toEqual(['project:WSOP']);
    });

    it('answers a repeated search from its cache until the documents change, then shows the change at once', async () => {
      const cacheHits = async () => {
        const text = (await world.get<string>('/metrics')).body as unknown as string;
        return Number(/pokervod_api_search_answers_total\{source="cache"\} (\d+)/.exec(String(text))?.[1] ?? 0);
      };
      const found = async () =>
        (await world.get<{ items: { id: string }[] }>('/api/search?q=zyxwvut')).body.items.map((i) => i.id);
      expect(await found()).toEqual([]);
      const before = await cacheHits();
      expect(await found()).toEqual([]);
      expect(await cacheHits()).toBe(before + 1);
      // A file whose name holds the word: the cached "nothing" must not outlive the change.
      const late = file('WSOP/2023/Zyxwvut Special.mp4', { parsed: parsed({ project: 'WSOP', year: 2023 }) });
      await world.blocks.publish(EventType.NAS_FILE_ADDED, { file: toVideoFile(late) });
      await waitFor(async () => (await found()).includes(late.id), {
        timeoutMs: 10_000,
        description: 'the new file in the search',
      });
    });

    it('pages a ranked list with cursors, without repeats', async () => {
      const all = await search('q=wsop&limit=100');
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const res: { body: Result & { next_cursor: string | null } } = await world.get(
          `/api/search?q=wsop&limit=2&cursor=${cursor}`,
        );
        seen.push(...res.body.items.map((i) => `${i.kind}:${i.id}`));
        cursor = res.body.next_cursor;
      }
      expect(seen).toEqual(all.items.map((i) => `${i.kind}:${i.id}`));
      expect(new Set(seen).size).toBe(all.total);
    });
  });

  it('answers bad parameters and unknown ids with JSON errors', async () => {
    for (const path of [
      '/api/clips?limit=0',
      '/api/clips?year=20x3',
      '/api/clips/not-a-uuid',
      '/api/search?kind=song',
      '/api/clips?cursor=%21%21',
      '/api/rows?outcome=maybe',
    ]) {
      const res = await world.get<{ code: string; message: string }>(path);
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'invalid_request']);
      expect(typeof res.body.message).toBe('string');
    }
    const other = (await world.get<Page<Clip>>('/api/clips?limit=1')).body.next_cursor;
    expect((await world.get<{ code: string }>(`/api/clips?tag=bluff&cursor=${other}`)).status).toBe(400);
    const missing = await world.get<{ code: string }>('/api/episodes/00000000-0000-0000-0000-000000000000');
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
  });

  it('follows later events: a removed clip, a missing file, a renamed episode, a newer outcome', async () => {
    await world.blocks.publish(EventType.HAND_CLIP_REMOVED, { clip_id: c4.id, source_row_key: null });
    world.blocks.clips.delete(c4.id);
    await world.blocks.publish(EventType.NAS_FILE_REMOVED, {
      file_id: f3.id,
      root: f3.root,
      path: f3.path,
      missing_since: now(),
    });
    const renamed = { ...t.day2, title: 'WSOP 2023 PPC Day 2 Heads Up' };
    world.blocks.tree = { ...t.tree, episodes: [t.day1a, renamed, t.final] };
    await world.blocks.publish(EventType.CATALOG_UPDATED, {});
    await world.blocks.publish(
      EventType.ROW_OUTCOME,
      rowOutcome({ row_key: 'slow.mp4@1', row_number: 5, outcome: 'clip' }),
    );

    await waitFor(
      async () => {
        const gone = (await world.get(`/api/clips/${c4.id}`)).status === 404;
        const file = (await world.get<{ status: string }>(`/api/files/${f3.id}`)).body.status === 'missing';
        const title = (await world.get<{ title: string }>(`/api/episodes/${t.day2.id}`)).body.title === renamed.title;
        const rows = (await world.get<Page<unknown>>('/api/rows')).body.total === 3;
        return gone && file && title && rows;
      },
      { timeoutMs: 15_000, description: 'the later events to show' },
    );
    expect(
      await (async () => (await world.get<{ items: { id: string }[] }>('/api/search?q=hellmth')).body.items)(),
    ).toEqual([]);
    expect(
      (await world.get<{ items: { kind: string; id: string }[] }>('/api/search?q=heads%20up')).body.items.map(
        (i) => i.id,
      ),
    ).toEqual(expect.arrayContaining([t.day2.id, c3.id]));
    expect((await world.get<{ items: { id: string }[] }>('/api/search?kind=file&year=2022')).body.items).toEqual([]);
  });

  it('serves its OpenAPI document', async () => {
    const { status, body } = await world.get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/projects', '/api/search', '/api/clips/{id}', '/api/rows', '/api/files']),
    );
    expect((await world.get('/api/docs')).status).toBe(200);
  });
});
