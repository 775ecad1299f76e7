import { MAX_TERMS, searchTerms } from './search-terms';

describe('searchTerms', () => {
  it('splits on anything but letters and digits, folds width and case, drops repeats', () => {
    const { text, terms } = searchTerms('  Phil-IVEY, ｂｌｕｆｆ; ivey ');
    expect(text).toBe('phil ivey bluff');
    expect(terms.map((t) => t.word)).toEqual(['phil', 'ivey', 'bluff']);
  });

  it('matches each word as a full-text prefix, and longer words by substring and similarity', () => {
    const { terms, rankQuery } = searchTerms('AK 블러프');
    expect(terms).toEqual([
      { word: 'ak', prefix: "'ak':*", like: null, fuzzy: null },
      { word: '블러프', prefix: "'블러프':*", like: '%블러프%', fuzzy: '블러프' },
    ]);
    expect(rankQuery).toBe("'ak':* | '블러프':*");
  });

  it('lets no quote, operator or wildcard through', () => {
    const { terms } = searchTerms(`o'brien & !x | y:* %_\\ (z)`);
    for (const t of terms) expect(t.word).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(terms.map((t) => t.word)).toEqual(['o', 'brien', 'x', 'y', 'z']);
  });

  it('caps the number of words', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(searchTerms(many).terms).toHaveLength(MAX_TERMS);
  });

  it('has no terms for a query of punctuation', () => {
    expect(searchTerms(' ,.;!? ')).toEqual({ text: '', terms: [], rankQuery: null });
  });
});
