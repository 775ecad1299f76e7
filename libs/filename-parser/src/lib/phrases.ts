import { BRANDS } from './brands';
import { LOCATIONS } from './locations';
import { Token } from './tokens';
import { EVENT_NAMES, FINAL_TABLE, GAMES, NOISE_PHRASES } from './vocabulary';

export type Meaning =
  | { readonly kind: 'brand'; readonly code: string }
  | { readonly kind: 'location'; readonly name: string }
  | { readonly kind: 'event'; readonly name: string }
  | { readonly kind: 'game'; readonly code: string }
  | { readonly kind: 'final-table' }
  | { readonly kind: 'noise' };

/**
 * Phrases are keyed by their letters and digits run together, so `Main Event`,
 * `Main_Event`, `MainEvent` and `mainevent` all find the same entry.
 */
function phraseKey(phrase: string): string {
  return phrase.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const INDEX = new Map<string, Meaning>();
function add(phrase: string, meaning: Meaning): void {
  const key = phraseKey(phrase);
  // Earlier tables win a clash: brands before places before event names.
  if (key !== '' && !INDEX.has(key)) INDEX.set(key, meaning);
}

for (const brand of BRANDS) for (const alias of brand.aliases) add(alias, { kind: 'brand', code: brand.code });
for (const [name, ...aliases] of LOCATIONS) for (const alias of [name, ...aliases]) add(alias, { kind: 'location', name }); // prettier-ignore
for (const [name, ...aliases] of EVENT_NAMES) for (const alias of [name, ...aliases]) add(alias, { kind: 'event', name }); // prettier-ignore
for (const [code, ...aliases] of GAMES) for (const alias of aliases) add(alias, { kind: 'game', code });
for (const alias of FINAL_TABLE) add(alias, { kind: 'final-table' });
for (const alias of NOISE_PHRASES) add(alias, { kind: 'noise' });

const MAX_KEY_LENGTH = Math.max(...[...INDEX.keys()].map((key) => key.length));
const MAX_TOKENS = 8;

/** Whether a lower-case word is one of the phrases (used to tell `.FT` from an extension). */
export function isPhrase(word: string): boolean {
  return INDEX.has(phraseKey(word));
}

/**
 * A single letter written against a number (`E76`, `D2`, `P1`, `S12`) is a
 * field prefix, never part of a phrase: `WSOP_E76` is not `WSOPE 76`.
 */
export function isNumberPrefix(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  return !token.isNumber && token.key.length === 1 && next !== undefined && next.isNumber && next.chunk === token.chunk;
}

export interface PhraseMatch {
  /** Index of the phrase's last token. */
  readonly end: number;
  readonly meaning: Meaning;
}

/** The longest phrase starting at token `start` over tokens not yet used. */
export function matchPhrase(
  tokens: readonly Token[],
  start: number,
  isFree: (i: number) => boolean,
): PhraseMatch | null {
  let key = '';
  let best: PhraseMatch | null = null;
  for (let i = start; i < tokens.length && i < start + MAX_TOKENS && isFree(i); i++) {
    if (isNumberPrefix(tokens, i)) break;
    key += tokens[i].key;
    if (key.length > MAX_KEY_LENGTH) break;
    const meaning = INDEX.get(key);
    if (meaning !== undefined) best = { end: i, meaning };
  }
  return best;
}
