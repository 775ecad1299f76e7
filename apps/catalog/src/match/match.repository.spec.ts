import fc from 'fast-check';
import { candidatesStatement } from './match.repository';
import type { TitleFacts, TitleQuery } from './title-query';

const NO_FACTS: TitleFacts = {
  projectCode: null,
  year: null,
  seasonNumber: null,
  eventNumber: null,
  eventNameKey: null,
  locationKey: null,
  slot: null,
};

const query = (q: Partial<Omit<TitleQuery, 'facts'>> & { facts?: Partial<TitleFacts> }): TitleQuery => ({
  fileNameKey: q.fileNameKey ?? '',
  fuzzy: q.fuzzy ?? '',
  facts: { ...NO_FACTS, ...q.facts },
  fields: q.fields ?? null,
});

/** Every placeholder the text uses, in order of first use. */
const placeholders = (text: string): number[] => [...new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))];

/** What Postgres requires of a bind: exactly one value per placeholder, $1…$n, none left over. */
function expectBindable(statement: { text: string; params: unknown[] }): void {
  expect(placeholders(statement.text)).toEqual(statement.params.map((_, i) => i + 1));
}

describe('candidatesStatement', () => {
  it('binds no fuzzy text when neither the fields nor the fuzzy step runs (a title of punctuation)', () => {
    const statement = candidatesStatement(query({ fuzzy: '' }), null, 0.4);
    expectBindable(statement);
    expect(statement.params).toEqual([]);
  });

  it('binds only the file id and the name key for a part alone (`Part 1.mp4`, the reported bug)', () => {
    const statement = candidatesStatement(query({ fileNameKey: 'part 1', fuzzy: '' }), 'file-1', 0.4);
    expectBindable(statement);
    expect(statement.params).toEqual(['file-1', 'part 1']);
  });

  it('binds none of the fuzzy step’s facts nor its threshold when there is no fuzzy text', () => {
    const q = query({
      fuzzy: '',
      facts: { projectCode: 'WSOP', year: 2023, seasonNumber: 3, eventNumber: 43, slot: slot({ day: '2' }) },
    });
    const statement = candidatesStatement(q, null, 0.4);
    expectBindable(statement);
    expect(statement.params).toEqual([]);
  });

  it('binds the fuzzy text once for the fields step alone', () => {
    const facts: TitleFacts = { ...NO_FACTS, projectCode: 'WSOP', year: 2023, slot: slot({ day: '2' }) };
    const statement = candidatesStatement(
      query({ fuzzy: 'x', facts, fields: { ...facts, projectCode: 'WSOP' } }),
      null,
      0.4,
    );
    expectBindable(statement);
    expect(statement.params.filter((p) => p === 'x')).toHaveLength(1);
  });

  it.each([
    ['an episode number', { episodeNumber: 5 }, 5],
    ['a day', { day: '1A' }, '1A'],
    ['an air date', { airDate: '2023-11-14' }, '2023-11-14'],
    ['the final table', { finalTable: true }, null],
  ])('binds exactly what it uses for a slot with %s, in both steps', (_what, given, value) => {
    const facts: TitleFacts = {
      ...NO_FACTS,
      projectCode: 'WSOP',
      seasonNumber: 3,
      eventNumber: 43,
      eventNameKey: 'main event',
      locationKey: 'las vegas',
      slot: slot(given),
    };
    for (const fuzzy of ['', 'wsop main event']) {
      const statement = candidatesStatement(
        query({ fuzzy, fileNameKey: 'k', facts, fields: { ...facts, projectCode: 'WSOP' } }),
        'f',
        0.4,
      );
      expectBindable(statement);
      if (value !== null) expect(statement.params).toContain(value);
    }
  });

  it('binds exactly the placeholders it uses for any shape of query', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const factsArb: fc.Arbitrary<TitleFacts> = fc.record({
      projectCode: maybe(fc.constantFrom('WSOP', 'EPT')),
      year: maybe(fc.integer({ min: 1990, max: 2030 })),
      seasonNumber: maybe(fc.integer({ min: 0, max: 40 })),
      eventNumber: maybe(fc.integer({ min: 0, max: 999 })),
      eventNameKey: maybe(fc.constantFrom('main event', 'high roller')),
      locationKey: maybe(fc.constantFrom('barcelona', 'prague')),
      slot: maybe(
        fc.record({
          episodeNumber: maybe(fc.integer({ min: 0, max: 99 })),
          day: maybe(fc.constantFrom('1A', '2', '')),
          airDate: maybe(fc.constantFrom('2023-11-14', '')),
          finalTable: fc.boolean(),
        }),
      ),
    });
    fc.assert(
      fc.property(
        factsArb,
        fc.boolean(),
        fc.constantFrom('', 'wsop 2023'),
        fc.constantFrom('', 'wsop 2023 main event day 2'),
        maybe(fc.constantFrom('file-1')),
        (facts, withFields, fileNameKey, fuzzy, fileId) => {
          const fields = withFields && facts.projectCode !== null ? { ...facts, projectCode: facts.projectCode } : null;
          expectBindable(candidatesStatement({ fileNameKey, fuzzy, facts, fields }, fileId, 0.4));
        },
      ),
      { numRuns: 500 },
    );
  });
});

function slot(given: Partial<NonNullable<TitleFacts['slot']>>): NonNullable<TitleFacts['slot']> {
  return { episodeNumber: null, day: null, airDate: null, finalTable: false, ...given };
}
