import { placeFiles, useCatalogInWorld, videoFile } from '../../test/catalog-harness';

const FILES: [id: string, path: string][] = [
  ['me-1a-1', 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4'],
  ['me-1a-2', 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part2.mp4'],
  ['me-1b-1', 'WSOP/2023/WSOP_2023_Main_Event_Day1B_Part1.mp4'],
  ['me-2-1', 'WSOP/2023/WSOP_2023_Main_Event_Day2_Part1.mp4'],
  ['ppc-2-1', 'WSOP/2023/WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4'],
  ['ept-bcn', 'EPT/EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4'],
  ['ept-prg', 'EPT/EPT_Prague_2023_Main_Event_Day5.mp4'],
  ['hsp', 'HSP/High_Stakes_Poker_S10E05.mp4'],
  ['wpt', 'WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf'],
  ['hcl', 'HCL/HCL_2023-11-14_Live_Stream.mp4'],
  ['apt-ft', 'APT/APT 인천 2023 메인이벤트 파이널 테이블 파트2.mp4'],
  ['ggm', 'GGM/GGMillions_2024_Ep12.mp4'],
  ['me22-3', 'WSOP/2022/WSOP_2022_Main_Event_Day3_Part1.mp4'],
  ['me22-4', 'WSOP/2022/WSOP_2022_Main_Event_Day4_Part1.mp4'],
];

describe('match_episode (real RabbitMQ + Postgres)', () => {
  const catalog = useCatalogInWorld('catmatch');
  const episode: Record<string, { id: string; title: string }> = {};

  beforeAll(async () => {
    await placeFiles(
      catalog,
      FILES.map(([id, path]) => videoFile(id, path)),
    );
    const rows = (
      await catalog.pg.query(
        `SELECT f.id AS file_id, e.id, e.title FROM catalog.files f JOIN catalog.episodes e ON e.id = f.episode_id`,
      )
    ).rows;
    for (const row of rows) episode[row.file_id] = { id: row.id, title: row.title };
    // Day 3 of 2022 turned out to be Day 4: an editor merged them.
    await catalog.system.request('catalog.merge_episodes', {
      into_episode_id: episode['me22-4'].id,
      from_episode_id: episode['me22-3'].id,
    });
  }, 60_000);

  const match = (title: string, videoFileId?: string) =>
    catalog.system.request('catalog.match_episode', { title, ...(videoFileId ? { video_file_id: videoFileId } : {}) });

  it.each([
    ['exact file name', 'WSOP_2023_Main_Event_Day1A_Part2.mp4', 'me-1a-1', 1],
    ['file name without extension, other case and separators', 'wsop 2023 main-event day1a.part2', 'me-1a-1', 1],
    ['reordered words', 'Main Event WSOP Day 1A 2023', 'me-1a-1', 0.9],
    ['a typo in a word the parser needs', 'WSOP 2023 Main Evnt Day 1B', 'me-1b-1', 0.9],
    ['a typo in the brand', 'WSPO 2023 Main Event Day 1B', 'me-1b-1', 0.9],
    ['a typo in a name only trigrams can read', 'WPT Season 22 Lucky Hartes Poker Open', 'wpt', null],
    ['no brand at all', 'Lucky Hearts Poker Open Final Table', 'wpt', null],
    ['Korean words', 'WSOP 2023 메인 이벤트 데이 2 파트1', 'me-2-1', 0.9],
    ['a Korean title', 'APT 인천 2023 메인이벤트 파이널 테이블', 'apt-ft', 0.9],
    ['a numbered event without its name', 'WSOP 2023 Ev43 D2', 'ppc-2-1', 0.9],
    ['a series episode', 'High Stakes Poker S10 E5', 'hsp', 0.9],
    ['a dated show', 'Hustler Casino Live 14-11-2023', 'hcl', 0.9],
    ['the name of a merged episode', 'WSOP 2022 Main Event Day 3', 'me22-4', 0.9],
    ['a merged episode’s file', 'WSOP_2022_Main_Event_Day3_Part1', 'me22-4', 1],
  ])('%s: "%s"', async (_what, title, fileId, score) => {
    const result = await match(title);
    expect(result).toMatchObject({ status: 'matched', episode: { id: episode[fileId].id }, candidates: [] });
    if (score !== null) expect(result.score).toBe(score);
    else expect(result.score).toBeGreaterThanOrEqual(0.4);
  });

  it('answers ambiguous with the candidates when two episodes fit equally', async () => {
    const result = await match('EPT 2023 Main Event Day 5');
    expect(result.status).toBe('ambiguous');
    expect(result.episode).toBeNull();
    expect(result.candidates.map((c) => c.id).sort()).toEqual([episode['ept-bcn'].id, episode['ept-prg'].id].sort());
    expect(result.candidates.map((c) => c.title).sort()).toEqual([
      'EPT Barcelona 2023 Main Event Day 5',
      'EPT Prague 2023 Main Event Day 5',
    ]);
  });

  it.each([
    ['Aussie Millions 2020 Main Event Final Table'],
    ['cooking show season finale'],
    ['WSOP 1999 Main Event Day 9'],
  ])('finds nothing for "%s"', async (title) => {
    expect(await match(title)).toEqual({ status: 'not_found', episode: null, score: null, candidates: [] });
  });

  it('answers with the episode of the given NAS file, whatever the title', async () => {
    expect(await match('something else entirely', 'wpt')).toEqual({
      status: 'matched',
      episode: { id: episode['wpt'].id, title: 'WPT Season 22 Lucky Hearts Poker Open Episode 3', project_code: 'WPT' },
      score: 1,
      candidates: [],
    });
    // An unknown file id falls back to the title.
    expect(await match('GGMillions 2024 Ep12', 'not-in-catalog')).toMatchObject({
      status: 'matched',
      episode: { id: episode['ggm'].id },
    });
  });

  it('never answers a retired episode', async () => {
    const retired = episode['me22-3'].id;
    for (const title of ['WSOP 2022 Main Event Day 3', 'wsop 2022 main event day 3 part 1', 'WSOP 2022 Day 3'])
      expect(JSON.stringify(await match(title))).not.toContain(retired);
  });

  it('answers over REST too', async () => {
    const res = await fetch(
      `${catalog.url}/api/catalog/match?title=${encodeURIComponent('Main Event WSOP Day 1A 2023')}`,
    );
    expect(await res.json()).toMatchObject({ status: 'matched', episode: { id: episode['me-1a-1'].id } });
    expect((await fetch(`${catalog.url}/api/catalog/match`)).status).toBe(400);
  });
});
