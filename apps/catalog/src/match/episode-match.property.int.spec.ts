import fc from 'fast-check';
import { placeFiles, useCatalogInWorld, videoFile } from '../../test/catalog-harness';

/** A small catalog with every kind of episode slot: days, numbered events, series episodes, dates, final tables. */
const FILES: [id: string, path: string][] = [
  ['me-1a', 'WSOP/2023/WSOP_2023_Main_Event_Day1A_Part1.mp4'],
  ['me-2', 'WSOP/2023/WSOP_2023_Main_Event_Day2_Part1.mp4'],
  ['ppc-2', 'WSOP/2023/WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4'],
  ['ept-bcn', 'EPT/EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4'],
  ['ept-prg', 'EPT/EPT_Prague_2023_Main_Event_Day5.mp4'],
  ['hsp', 'HSP/High_Stakes_Poker_S10E05.mp4'],
  ['wpt', 'WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf'],
  ['hcl', 'HCL/HCL_2023-11-14_Live_Stream.mp4'],
  ['apt-ft', 'APT/APT 인천 2023 메인이벤트 파이널 테이블 파트2.mp4'],
  ['ggm', 'GGM/GGMillions_2024_Ep12.mp4'],
  ['triton', 'Triton/Triton_Montenegro_2023_Event_5_NLH_Day1.mp4'],
  ['part', 'WSOP/2023/Event 43 - $50K PPC/Day 2/Part 1.mp4'],
];

const STATUSES = ['matched', 'ambiguous', 'not_found'];

// Pieces of the titles editors type: every field the matcher reads, spelled many ways, with typos and Korean.
const brand = fc.constantFrom(
  'WSOP', 'wsop', 'WSPO', 'World Series of Poker', '월드시리즈오브포커', 'WSOP Europe', 'EPT', 'PokerStars EPT',
  'WPT', 'APT', '아시안포커투어', 'Triton', '트리톤', 'Tritn', 'HCL', 'Hustler Casino Live', '허슬러', 'HSP',
  'High Stakes Poker', 'GGMillion$', 'GGMillions', 'Aussie Millions', 'PAD',
); // prettier-ignore
const year = fc.oneof(fc.integer({ min: 1990, max: 2030 }).map(String), fc.constantFrom("'23", '2k23', '2023년'));
const season = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map((n) => `S${n}`),
  fc.integer({ min: 1, max: 40 }).map((n) => `Season ${n}`),
  fc.constantFrom('시즌 3', 'Sesaon 2', 'S1E5', 'S22E03'),
);
const eventNumber = fc.oneof(
  fc.integer({ min: 0, max: 999_999_999 }).map((n) => `Event #${n}`),
  fc
    .tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('Ev', 'E', '#', 'Evetn ', 'Ev#', '이벤트 '))
    .map(([n, word]) => `${word}${n}`),
);
const eventName = fc.constantFrom(
  'Main Event', 'Main Evnt', 'ME', '메인이벤트', '메인 이벤트', '$50,000 Poker Players Championship', 'PPC',
  'High Roller', '하이롤러', 'NLH', 'PLO', 'Lucky Hearts Poker Open', 'Super Main Event', '$25K', '€10,350',
); // prettier-ignore
const day = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((n) => `Day ${n}`),
  fc.constantFrom('Day1A', 'D2', 'd1b', 'Day 1C', '3일차', '데이 2', 'Final Day', 'Day 999999999'),
);
const episode = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => `Ep${n}`),
  fc.constantFrom('E05', 'Episode 3', '12회', 'Epsiode 4', '에피소드 7', '1x05'),
);
const date = fc.oneof(
  fc
    .tuple(
      fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
      fc.constantFrom('y-m-d', 'd-m-y', 'ymd', 'm.d.y'),
    )
    .map(([d, form]) => {
      const [y, m, dd] = d.toISOString().slice(0, 10).split('-');
      return form.replace('y', y).replace('m', m).replace('d', dd);
    }),
  fc.constantFrom(
    '2023-02-30',
    '2023-13-01',
    '31-04-2023',
    'Nov 14 2023',
    '14 Nov 2023',
    '2023년 11월 14일',
    '0000-00-00',
  ),
);
const finalTable = fc.constantFrom('Final Table', 'FT', 'Fianl Table', '파이널 테이블', '파이널테이블', 'final');
const location = fc.constantFrom('Barcelona', 'Prague', 'Las Vegas', 'Montenegro', '바르셀로나', '인천', 'Paris');
const part = fc.constantFrom('Part 1', 'Pt2', 'P3', '파트2', '2부', 'v2');
const korean = fc.constantFrom('빅팟', '버블', '헤즈업', '하이라이트', '풀영상', '편집본', '최종');
const punctuation = fc.string({
  unit: fc.constantFrom(...'$#%&@!?*()[]{}<>|\\/:;"\'`~^+=,._-–—…·•「」【】\t\n\u3000\u200b'),
  maxLength: 8,
});
const anyText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const separator = fc.constantFrom(' ', '_', '.', '-', ' - ', '', '/', '\\', '  ');
const extension = fc.constantFrom('', '.mp4', '.MOV', '.mkv', '.mxf', '.txt');

const piece = fc.oneof(
  brand,
  year,
  season,
  eventNumber,
  eventName,
  day,
  episode,
  date,
  finalTable,
  location,
  part,
  korean,
  punctuation,
  anyText,
);

/** A title assembled from any subset of the fields, in any order, with any separators. */
const assembled = fc
  .tuple(fc.array(fc.tuple(piece, separator), { maxLength: 12 }), extension)
  .map(([parts, ext]) => parts.map(([p, sep]) => p + sep).join('') + ext);

/** Titles with nothing an episode can be found by: no letters, only a part, only an extension. */
const emptyish = fc.oneof(
  fc.constantFrom(' ', '.', '_', '-', '.mp4', 'Part 1.mp4', 'Part 2', '파트2', 'v2', '$', '#', '#1', '…', '\u3000'),
  punctuation,
  fc.tuple(fc.constantFrom(' ', '_', '.'), part, extension).map(([sep, p, ext]) => `${sep}${p}${ext}`),
);

/** Up to the 2,048 characters the command accepts. */
const veryLong = fc
  .tuple(assembled, fc.integer({ min: 50, max: 400 }))
  .map(([title, times]) => (title || 'WSOP 2023 Main Event Day 2 ').repeat(times));

const title = fc
  .oneof({ arbitrary: assembled, weight: 6 }, { arbitrary: emptyish, weight: 2 }, { arbitrary: veryLong, weight: 1 })
  .map((t) => t.slice(0, 2048))
  .filter((t) => t.length > 0);

const videoFileId = fc.option(fc.constantFrom(...FILES.map(([id]) => id), 'not-in-catalog', ''), { nil: undefined });

describe('match_episode on any title (property, real RabbitMQ + Postgres)', () => {
  const catalog = useCatalogInWorld('catmatchprop');

  beforeAll(async () => {
    await placeFiles(
      catalog,
      FILES.map(([id, path]) => videoFile(id, path)),
    );
  }, 60_000);

  it('always answers matched, ambiguous or not_found — never an error', async () => {
    await fc.assert(
      fc.asyncProperty(title, videoFileId, async (t, fileId) => {
        const result = await catalog.system.request('catalog.match_episode', {
          title: t,
          ...(fileId !== undefined ? { video_file_id: fileId } : {}),
        });
        expect(STATUSES).toContain(result.status);
        if (result.status === 'matched') expect(result.episode).not.toBeNull();
        else expect(result.episode).toBeNull();
      }),
      // Each run is one round trip through RabbitMQ and one SQL statement; 200 keeps this near a few seconds
      // on a 2-core machine and covers the branches (empty fuzzy text, no field query, every slot kind) many times.
      { numRuns: 200 },
    );
  }, 120_000);

  it('answers the titles that broke the SQL once', async () => {
    // A part alone leaves no fuzzy text; with a file id the statement had a parameter it never used.
    for (const [t, fileId] of [
      ['Part 1.mp4', 'part'],
      ['Part 1.mp4', undefined],
      ['$#', undefined],
      ['WSOP 2023 Part 2', 'not-in-catalog'],
    ] as const) {
      const result = await catalog.system.request('catalog.match_episode', {
        title: t,
        ...(fileId !== undefined ? { video_file_id: fileId } : {}),
      });
      expect(STATUSES).toContain(result.status);
    }
    expect(
      await catalog.system.request('catalog.match_episode', { title: 'Part 1.mp4', video_file_id: 'part' }),
    ).toMatchObject({
      status: 'matched',
      score: 1,
    });
  });
});
