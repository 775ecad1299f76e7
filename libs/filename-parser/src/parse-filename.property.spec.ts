import fc from 'fast-check';
import { ParsedMetadata, ParsedMetadataSchema } from '@pokervod/contracts';
import { parseFilename } from './index';
import { readName } from './lib/parse-filename';

const RUNS = { numRuns: 300 };

/** Any UTF-16 code unit, so lone surrogates and control characters turn up. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const anyString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: codeUnit, maxLength: 200 }),
);

/** Pieces real names are made of, so the properties also run through the interesting paths. */
const piece = fc.oneof(
  fc.constantFrom(
    'WSOP', 'wsop', 'WSOPE', 'WSOP Europe', 'WSOP Paradise', 'WPT', 'World Poker Tour', 'EPT', 'APT', 'Triton',
    'Triton SHR', 'HCL', 'Hustler Casino Live', 'High Stakes Poker', 'HSP', 'PAD', 'Poker After Dark', 'SHRB',
    'Super High Roller Bowl', 'PGT', 'PokerGO Tour', 'NAPT', 'GGMillion$', 'GGMillions', 'Aussie Millions',
    'Main Event', 'MainEvent', 'ME', 'Super Main Event', 'High Roller', 'PPC', 'Poker Players Championship',
    'Lucky Hearts Poker Open', 'NLH', 'PLO', 'Mixed', 'FT', 'Final Table', 'Final Day', 'final', 'v2',
    'Barcelona', 'Prague', 'Monte Carlo', 'Las Vegas', 'Montenegro', 'London', 'Incheon',
    'Day1A', 'D2', 'Day 3', 'd1b', 'Part 2', 'Pt1', 'P3', 'S12E05', 'S12', 'E05', 'E76', 'E#43', 'Ev43', 'Ev#12',
    'Event #43', 'Event 5', '#9', 'Ep 5', 'Season 11', 'Episode 3', '1x05',
    '2023', '1998', '2023-11-14', '20231114', '11-14-2023', '03-04-2023', 'Nov 14 2023',
    '$50,000', '$50K', '€5.3K', '€10,350', '£5,300', '₩3,300,000', 'USD 10000', '100k', '50000', '$25-$50-$100',
    '$10M GTD', '4K', '1080p', 'MVI', '4821',
    '메인이벤트', '1일차', '파트2', '파이널테이블', '파이널 테이블', '데이3', '인천', '시즌3', '5회', '2부', '1000만원', '홀덤',
  ), // prettier-ignore
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.integer({ min: 0, max: 99999 }).map(String),
);
const separator = fc.constantFrom('_', '.', '-', ' ', '', ' - ');
const extension = fc.constantFrom('.mp4', '.MOV', '.mxf', '.mkv', '', '.Mp4', '.txt');

const nameLike = fc
  .tuple(fc.array(fc.tuple(piece, separator), { maxLength: 10 }), extension)
  .map(([parts, ext]) => parts.map(([p, sep]) => p + sep).join('') + ext);

/** A file name: no folder separators in it. */
const fileName = fc.oneof(nameLike, anyString).map((name) => name.replace(/[\\/]/g, ' '));
const folder = fc
  .oneof(
    fc.constantFrom('WSOP', '2023', 'Event 43', 'EPT', 'Barcelona', 'Season 12', 'HCL', 'Main Event', 'E76', '$50K'),
    fc.string({ maxLength: 12 }),
  )
  .map((name) => name.replace(/[\\/]/g, ' '));
const folders = fc.array(folder, { minLength: 1, maxLength: 4 });

function expectValid(parsed: ParsedMetadata): void {
  const check = ParsedMetadataSchema.safeParse(parsed);
  expect(check.success).toBe(true);
  expect(parsed.confidence).toBeGreaterThanOrEqual(0);
  expect(parsed.confidence).toBeLessThanOrEqual(1);
  expect(parsed.extension).toBe(parsed.extension.toLowerCase());
  expect(parsed.extension).toMatch(/^[a-z0-9]*$/);
  expect(parsed.title).not.toBe('');
  expect(parsed.title).not.toMatch(/\p{C}/u);
}

/** Fields the name itself states: everything set, except the derived title and confidence. */
function statedFields(parsed: ParsedMetadata): Partial<ParsedMetadata> {
  const stated: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(parsed)) {
    if (field === 'title' || field === 'confidence') continue;
    if (value !== null && value !== false) stated[field] = value;
  }
  return stated as Partial<ParsedMetadata>;
}

describe('parseFilename properties', () => {
  // readName is parseFilename without its catch-all, so a thrown error fails here instead of hiding.
  it('never throws and always returns a valid ParsedMetadata, for any string', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        expectValid(readName(input));
        expectValid(parseFilename(input));
      }),
      RUNS,
    );
  });

  it('returns a valid ParsedMetadata for name-like strings and paths', () => {
    fc.assert(
      fc.property(folders, fileName, (dirs, name) => {
        expectValid(readName(name));
        expectValid(readName([...dirs, name].join('/')));
        expectValid(readName([...dirs, name].join('\\')));
      }),
      RUNS,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(nameLike, anyString), (input) => {
        expect(parseFilename(input)).toEqual(parseFilename(input));
      }),
      RUNS,
    );
  });

  it('keeps every field the file name states when a folder path is put in front', () => {
    fc.assert(
      fc.property(folders, fileName, fc.constantFrom('/', '\\'), (dirs, name, sep) => {
        const alone = parseFilename(name);
        const inFolders = parseFilename([...dirs, name].join(sep));
        expect(inFolders).toMatchObject(statedFields(alone));
        expect(inFolders.extension).toBe(alone.extension);
      }),
      RUNS,
    );
  });

  it('treats / and \\ alike as folder separators', () => {
    fc.assert(
      fc.property(folders, fileName, (dirs, name) => {
        expect(parseFilename([...dirs, name].join('\\'))).toEqual(parseFilename([...dirs, name].join('/')));
      }),
      RUNS,
    );
  });

  it('reads long names, up to 10 kB, and returns', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1000, maxLength: 10_000 }), (input) =>
        expectValid(readName(input)),
      ),
      { numRuns: 30 },
    );
  });

  // Shapes that make careless regular expressions backtrack for ever: long runs
  // of digits and separators, nested groups, repeated prefixes. No timing is
  // asserted; a catastrophic pattern would hang the suite instead.
  it('returns on 10 kB adversarial names', () => {
    const adversarialUnit = fc.constantFrom(
      '1', '9', '-', '$', ',', '.', '_', ' ', '#', 'k', 'K', 'E', 'S', 'D', 'P', 'a', 'A', 'x',
      '€', '₩', '원', '만', '메', '일차', '20', "'", '\u0301', '\uD800', '/', '\\',
    ); // prettier-ignore
    const repeated = fc
      .tuple(
        fc.constantFrom(
          '1', '1-', '$1-', '1,000', '1.000.', 'a1', 'aB', 'Day1A', 'S1E', '#1', '2023-', '11-14-', 'Nov 1 ',
          '메인이벤트1일차', 'USD 1', '€1.', '1.5k ', 'Event No ', 'WSOP_2023_', '$25-', 'e\u0301',
        ), // prettier-ignore
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([unit, extra]) => unit.repeat(Math.ceil(10_000 / unit.length)) + '9'.repeat(extra));
    fc.assert(
      fc.property(
        fc.oneof(repeated, fc.string({ unit: adversarialUnit, minLength: 5000, maxLength: 10_000 })),
        (input) => expectValid(readName(input)),
      ),
      { numRuns: 40 },
    );
  });

  it('survives a non-string from untyped callers', () => {
    expectValid(parseFilename(undefined as unknown as string));
    expectValid(parseFilename(42 as unknown as string));
  });
});
