/** Most words of a query that are matched (the rest are ignored: a pasted paragraph is not a query). */
export const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 64;
/** Shorter words match only as full-text prefixes: trigram matching needs three characters. */
export const TRIGRAM_MIN_LENGTH = 3;

export interface SearchTerm {
  /** The word, NFKC-folded and lower case, letters and digits only. */
  word: string;
  /** `to_tsquery('simple', …)` text matching the word as a prefix: `'bluf':*`. */
  prefix: string;
  /** `LIKE` pattern on the lower-case body (Korean words with particles, parts of words), or null. */
  like: string | null;
  /** Word-similarity operand for typos (`<%`), or null. */
  fuzzy: string | null;
}

export interface SearchTerms {
  /** The query as matched: the words joined by spaces ('' for none). */
  text: string;
  terms: SearchTerm[];
  /** Any word as a prefix, for ranking. */
  rankQuery: string | null;
}

/**
 * A free-text query as the search matches it: each word must be found, as
 * a full-text prefix (`simple` configuration, so English and Korean alike),
 * as a substring (Korean particles: `블러프` finds `블러프를`), or within
 * typo distance (pg_trgm word similarity). Only letters and digits reach
 * the SQL, always as bound parameters.
 */
export function searchTerms(query: string): SearchTerms {
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.slice(0, MAX_TERM_LENGTH))
    .filter((w) => w !== '');
  const unique = [...new Set(words)].slice(0, MAX_TERMS);
  const terms = unique.map((word) => {
    const long = [...word].length >= TRIGRAM_MIN_LENGTH;
    return { word, prefix: `'${word}':*`, like: long ? `%${word}%` : null, fuzzy: long ? word : null };
  });
  return {
    text: unique.join(' '),
    terms,
    rankQuery: terms.length ? terms.map((t) => t.prefix).join(' | ') : null,
  };
}
