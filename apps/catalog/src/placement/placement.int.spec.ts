import type { INestApplication } from '@nestjs/common';
import { EventEnvelope, EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import {
  CatalogWorld,
  added,
  catalogWorld,
  moved,
  nasEvent,
  removed,
  shuffled,
  startCatalog,
  videoFile,
} from '../../test/catalog-harness';

/** The video files of samples/nas, as block A inventories them (housekeeping folders left out). */
const SAMPLE_PATHS = [
  'APT/APT 인천 2023 메인이벤트 파이널 테이블 파트2.mp4',
  'APT/APT_Incheon_2023_Main_Event_Day1A.mp4',
  'EPT/2023 Barcelona/EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4',
  'EPT/EPT Prague 2022 €5,300 Main Event Final Table.mp4',
  'EPT/EPT_Paris_2024_Main_Event_Final_Day_Part1.mp4',
  'GGMillion$/GGMillion$_2023-05-14_Final_Table.mp4',
  'GGMillion$/GGMillions_2024_Ep12.mp4',
  'High Stakes Poker/High_Stakes_Poker_S10E05.mp4',
  'Hustler Casino Live/HCL 11-14-2023 Part 2.mp4',
  'Hustler Casino Live/HCL_2023-11-14_Live_Stream.mp4',
  'Hustler Casino Live/Hustler Casino Live 2024-03-22 $25-$50-$100 Cash Game.mp4',
  'Poker After Dark/PAD S12 E06 Part 2.mov',
  'PokerGO Tour/PGT_2023_Ev#12_$25,000_PLO_Day2.mp4',
  'PokerGO Tour/PGT_2024_US_Poker_Open_Event_5_$10K_NLH_FT.mp4',
  'Super High Roller Bowl/SHRB 2022 $300,000 Final Table.mp4',
  'Super High Roller Bowl/Super_High_Roller_Bowl_2023_Day1.mp4',
  'Triton/Triton_SHR_Montenegro_2023_Event_5_$200K_Day2.mp4',
  'Triton/triton-london-2023-ev9-100k-ft.mkv',
  'WPT/Season 12/World Poker Tour Season 12 Episode 5.mp4',
  'WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf',
  'WPT/WPT_S21_E05_Seminole_Hard_Rock_Final_Table.mp4',
  'WSOP Europe/WSOP Europe 2022 €10,350 Main Event Final Table.mp4',
  'WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4',
  'WSOP Paradise/WSOP_Paradise_2023_Super_Main_Event_Day1A.mp4',
  'WSOP/2021/wsop_2021_me_d1b_pt3.mp4',
  'WSOP/2023/Event 43/Day2_Part1.mp4',
  'WSOP/2023/Event 43/Day2_Part2.mp4',
  'WSOP/2023/WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4',
  'WSOP/2023/WSOP 2023 메인이벤트 1일차 파트2.mp4',
  'WSOP/2023/WSOP2023_E76_MainEvent_D7_FT_Part2.mov',
  'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4',
  'WSOP/2024/WSOP_2024_메인이벤트_파이널테이블_파트1.mp4',
  '_unsorted/Aussie_Millions_2020_Main_Event_FT.mp4',
  '_unsorted/IMG_2041.MOV',
  '_unsorted/clip_final_v2 (1).mp4',
  '_unsorted/홀덤 대회 하이라이트 2023 파트1.mp4',
];

describe('placement: the tree from NAS events (real RabbitMQ + Postgres)', () => {
  let world: CatalogWorld;
  let catalogs: { app: INestApplication; url: string }[] = [];

  const sql = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await world.pg.query(text, params)).rows as T[];
  const get = async (path: string) => {
    const res = await fetch(`${catalogs[0].url}${path}`);
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Every distinct event id has been handled (the inbox holds one row per event and handler). */
  const handled = async (events: EventEnvelope[], timeoutMs = 20_000) => {
    const ids = [...new Set(events.map((e) => e.id))];
    await waitFor(
      async () =>
        (await sql(`SELECT count(*)::int AS n FROM catalog.inbox WHERE event_id = ANY($1)`, [ids]))[0].n === ids.length,
      { timeoutMs, description: `${ids.length} NAS events handled` },
    );
  };

  beforeAll(async () => {
    world = await catalogWorld('catplace');
    // Two catalogs on one queue, several deliveries in flight each: the concurrency of two replicas.
    catalogs = [await startCatalog(world, { AMQP_PREFETCH: '8' }), await startCatalog(world, { AMQP_PREFETCH: '8' })];
  }, 60_000);

  afterAll(async () => {
    for (const c of catalogs) await c.app.close();
    await world?.cleanUp();
  });

  it('builds the expected tree from a shuffled stream of NAS events with duplicates', async () => {
    const files = SAMPLE_PATHS.map((p, i) => videoFile(`sample-${i}`, p));
    const first = files.map((f) => added(f));
    // Redeliveries (same event id) and repeats (block A announcing the same file again, later).
    const redelivered = first.filter((_, i) => i % 3 === 0);
    const repeated = files.filter((_, i) => i % 4 === 1).map((f) => added(f));
    const stream = shuffled([...first, ...redelivered, ...repeated], 42);
    await world.system.publish(stream);
    await handled(stream);

    // Titles of an event that learnt its name from a later file follow shortly.
    const tree = await waitFor(async () => {
      const body = (await get('/api/catalog/tree')).body;
      return JSON.stringify(body).includes('"title":"WSOP 2023 Event #43 Poker Players Championship Day 2"')
        ? body
        : null;
    });
    const titles = (code: string) =>
      tree.projects
        .find((p: any) => p.code === code)
        .seasons.flatMap((s: any) =>
          s.events.flatMap((e: any) => e.episodes.map((ep: any) => `${ep.title} (${ep.files})`)),
        );
    expect(titles('WSOP')).toEqual([
      'WSOP 2021 Main Event Day 1B (1)',
      'WSOP 2023 Event #43 Poker Players Championship Day 2 (3)',
      'WSOP 2023 Event #76 Main Event Day 7 (1)',
      'WSOP 2023 Main Event Day 1 (1)',
      'WSOP 2023 Main Event Day 1A (1)',
      'WSOP 2024 Main Event Final Table (1)',
    ]);
    expect(titles('HCL')).toEqual(['Hustler Casino Live 2023-11-14 (2)', 'Hustler Casino Live 2024-03-22 (1)']);
    expect(titles('WPT')).toEqual([
      'WPT Season 12 Episode 5 (1)',
      'WPT Seminole Hard Rock Season 21 Episode 5 (1)',
      'WPT Season 22 Lucky Hearts Poker Open Episode 3 (1)',
    ]);
    expect(titles('EPT')).toEqual([
      'EPT Prague 2022 Main Event Final Table (1)',
      'EPT Barcelona 2023 Main Event Day 5 (1)',
      'EPT Paris 2024 Main Event (1)',
    ]);
    const episodes = tree.projects.flatMap((p: any) =>
      p.seasons.flatMap((s: any) => s.events.flatMap((e: any) => e.episodes)),
    );
    expect(episodes).toHaveLength(29);
    expect(episodes.reduce((n: number, e: any) => n + e.files, 0)).toBe(32);
    expect(tree.unsorted).toBe(4);

    // Each episode announced exactly once, though two catalogs handled parts of the same days.
    const created = await waitFor(() => {
      const list = world.system.of(EventType.EPISODE_CREATED);
      return list.length >= 29 ? list : null;
    });
    expect(new Set(created.map((e) => e.payload.episode_id)).size).toBe(created.length);
    expect(created.map((e) => e.payload.episode_id).sort()).toEqual(episodes.map((e: any) => e.id).sort());
    const projectsCreated = world.system.of(EventType.PROJECT_CREATED).map((e) => e.payload.code);
    expect(projectsCreated).toHaveLength(new Set(projectsCreated).size);
    expect(projectsCreated).toEqual(expect.arrayContaining(['WSOP', 'WPT', 'HCL', 'GGM', 'NAPT']));

    // One coalesced catalog.updated after the burst, with the counts of the tree.
    const [db] = await sql(
      `SELECT (SELECT count(*) FROM catalog.seasons)::int AS seasons, (SELECT count(*) FROM catalog.events)::int AS events`,
    );
    const updated = await waitFor(
      () => world.system.of(EventType.CATALOG_UPDATED).find((e) => e.payload.files === 36),
      {
        timeoutMs: 5_000,
        description: 'catalog.updated with 36 files',
      },
    );
    expect(updated.payload).toEqual({ projects: 13, ...db, episodes: 29, files: 36, unsorted: 4 });
    expect(world.system.of(EventType.CATALOG_UPDATED).length).toBeLessThan(stream.length / 4);
    // It answers no single event: a correlation id of its own.
    expect(stream.map((e) => e.correlation_id)).not.toContain(updated.correlation_id);
  });

  it('lists files without a project as unsorted, with what their name says', async () => {
    const { body } = await get('/api/catalog/unsorted');
    expect(body.total).toBe(4);
    expect(body.files.map((f: any) => f.path)).toEqual(
      [
        '_unsorted/Aussie_Millions_2020_Main_Event_FT.mp4',
        '_unsorted/clip_final_v2 (1).mp4',
        '_unsorted/IMG_2041.MOV',
        '_unsorted/홀덤 대회 하이라이트 2023 파트1.mp4',
      ].sort(),
    );
    expect(body.files[0]).toMatchObject({ status: 'present', project_code: null, parsed_title: expect.any(String) });
  });

  it('makes one episode of parts of one day delivered at once to two catalogs', async () => {
    const before = world.system.of(EventType.EPISODE_CREATED).length;
    const parts = [1, 2, 3, 4, 5, 6].flatMap((part) =>
      ['3', '4'].map((day) =>
        videoFile(`napt-${day}-${part}`, `NAPT_Las_Vegas_2010_Main_Event_Day${day}_Part${part}.mp4`),
      ),
    );
    const events = parts.map((f) => added(f));
    await world.system.publish(events);
    await handled(events);
    const rows = await sql(
      `SELECT e.title, count(f.id)::int AS files FROM catalog.episodes e JOIN catalog.files f ON f.episode_id = e.id
        WHERE f.id LIKE 'napt-%' GROUP BY e.title ORDER BY e.title`,
    );
    expect(rows).toEqual([
      { title: 'NAPT Las Vegas 2010 Main Event Day 3', files: 6 },
      { title: 'NAPT Las Vegas 2010 Main Event Day 4', files: 6 },
    ]);
    const created = await waitFor(() => {
      const list = world.system.of(EventType.EPISODE_CREATED).slice(before);
      return list.length >= 2 ? list : null;
    });
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive right behind
    expect(
      world.system
        .of(EventType.EPISODE_CREATED)
        .slice(before)
        .map((e) => e.payload.title)
        .sort(),
    ).toEqual(['NAPT Las Vegas 2010 Main Event Day 3', 'NAPT Las Vegas 2010 Main Event Day 4']);
    expect(created.every((e) => e.payload.project_code === 'NAPT')).toBe(true);
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM catalog.seasons s JOIN catalog.projects p ON p.id = s.project_id WHERE p.code = 'NAPT'`,
        )
      )[0].n,
    ).toBe(1);
  });

  it('keeps a moved file in its episode, and re-places a renamed one by its new name', async () => {
    const file = videoFile('move-1', 'WSOP/2019/WSOP_2019_Main_Event_Day2_Part1.mp4');
    await world.system.publish([added(file)]);
    const placed = await waitFor(
      async () => (await sql(`SELECT episode_id FROM catalog.files WHERE id = 'move-1'`))[0],
    );

    const elsewhere = videoFile('move-1', 'archive/WSOP_2019_Main_Event_Day2_Part1.mp4');
    const move = moved(elsewhere, file.path);
    await world.system.publish([move]);
    await handled([move]);
    expect((await sql(`SELECT path, episode_id FROM catalog.files WHERE id = 'move-1'`))[0]).toEqual({
      path: 'archive/WSOP_2019_Main_Event_Day2_Part1.mp4',
      episode_id: placed.episode_id,
    });

    const renamed = moved(videoFile('move-1', 'archive/WSOP_2019_Main_Event_Day3_Part1.mp4'), elsewhere.path);
    await world.system.publish([renamed]);
    await handled([renamed]);
    const [row] = await sql(
      `SELECT e.title FROM catalog.files f JOIN catalog.episodes e ON e.id = f.episode_id WHERE f.id = 'move-1'`,
    );
    expect(row.title).toBe('WSOP 2019 Main Event Day 3');
  });

  it('keeps a removed file, with its episode, as missing; a late older event does not bring it back', async () => {
    const file = videoFile('gone-1', 'WSOP/2018/WSOP_2018_Main_Event_Day5_Part1.mp4');
    const add = added(file, { timestamp: '2026-03-01T10:00:00.000Z' });
    const remove = removed(file, { timestamp: '2026-03-01T11:00:00.000Z' });
    // The removal overtakes the addition.
    await world.system.publish([remove]);
    await handled([remove]);
    await world.system.publish([add]);
    await handled([add]);
    expect((await sql(`SELECT status, episode_id FROM catalog.files WHERE id = 'gone-1'`))[0]).toEqual({
      status: 'missing',
      episode_id: null,
    });

    const other = videoFile('gone-2', 'WSOP/2018/WSOP_2018_Main_Event_Day5_Part2.mp4');
    await world.system.publish([added(other)]);
    const placed = await waitFor(
      async () => (await sql(`SELECT episode_id FROM catalog.files WHERE id = 'gone-2'`))[0],
    );
    const removal = removed(other);
    await world.system.publish([removal]);
    await handled([removal]);
    expect((await sql(`SELECT status, episode_id, missing_since FROM catalog.files WHERE id = 'gone-2'`))[0]).toEqual({
      status: 'missing',
      episode_id: placed.episode_id,
      missing_since: new Date('2026-02-01T00:00:00.000Z'),
    });
    const episode = (await get(`/api/catalog/episodes/${placed.episode_id}`)).body;
    expect(episode.files).toEqual([expect.objectContaining({ id: 'gone-2', status: 'missing' })]);
  });

  it('places a file the NAS sent without a parse by parsing its path itself', async () => {
    const file = videoFile('noparse-1', 'HSP/High_Stakes_Poker_S09E02.mp4', { parsed: null });
    const event = added(file);
    await world.system.publish([event]);
    await handled([event]);
    const [row] = await sql(
      `SELECT e.title, f.parser_version > 0 AS parsed_here FROM catalog.files f JOIN catalog.episodes e ON e.id = f.episode_id
        WHERE f.id = 'noparse-1'`,
    );
    expect(row).toEqual({ title: 'High Stakes Poker Season 9 Episode 2', parsed_here: true });
  });

  it('dead-letters a malformed event without stopping', async () => {
    const bad = nasEvent(EventType.NAS_FILE_ADDED, { file: { id: 'x' } });
    const good = added(videoFile('after-bad', 'PAD/Poker_After_Dark_S13E04.mp4'));
    await world.system.publish([bad, good]);
    await handled([good]);
    expect((await sql(`SELECT count(*)::int AS n FROM catalog.files WHERE id = 'x'`))[0].n).toBe(0);
  });
});
