import { handTagName, ResolvedTag, Taxonomy } from './taxonomy';
import { normalizeTagText } from './tag-text';

export interface DerivationInput {
  description: string | null;
  players: string | null;
}

const SUITS: Record<string, string> = {
  h: 'h',
  d: 'd',
  c: 'c',
  s: 's',
  '♥': 'h',
  '♡': 'h',
  '♦': 'd',
  '♢': 'd',
  '♣': 'c',
  '♧': 'c',
  '♠': 's',
  '♤': 's',
};

// Upper-case ranks (or 10) and lower-case or symbol suits, so words like "as" or "th" are not cards.
const CARD = '(?:10|[2-9TJQKA])[hdcs♥♡♦♢♣♧♠♤]\\uFE0F?';
const ONE_CARD = /(10|[2-9TJQKA])([hdcs♥♡♦♢♣♧♠♤])/gu;
// A run of cards written together: two are hole cards; three or more are a board (or Omaha), not a hand.
const CARD_RUN = new RegExp(`(?<![\\p{L}\\p{N}])${CARD}(?:[\\s,]*${CARD})*(?![\\p{L}\\p{N}])`, 'gu');
// Hands written as notation in text: AK, AKs, T9o, QQ, 76s (upper-case, so "at" or "ka" in prose are not
// hands; digits alone only with s/o, so "22 players" or "at 25" are not either).
const HAND_NOTATION = /(?<![\p{L}\p{N}])((?:10|[2-9TJQKA])(?:10|[2-9TJQKA])[so]?)(?![\p{L}\p{N}])/gu;

/**
 * Tags a clip's own text implies: starting hands from hole cards
 * (`AhKd`, `A♥ K♦` → `AK` + `AKo`; `AsAd` → `AA`) or hand notation (`AKs`),
 * actions and streets from words in the description (`all in`, `shoves`,
 * `올인을` → `all-in`), and one `player` tag per name in the players field.
 */
export function deriveTags(input: DerivationInput, taxonomy: Taxonomy): ResolvedTag[] {
  const tags = new Map<string, ResolvedTag>();
  const add = (tag: ResolvedTag | null) => {
    if (tag && !tags.has(tag.name)) tags.set(tag.name, tag);
  };
  const description = input.description ?? '';
  for (const hand of handsInText(description)) add(taxonomy.resolve(hand));
  for (const tag of wordsInText(description, taxonomy)) add(tag);
  for (const name of playerNames(input.players ?? '')) add(taxonomy.player(name));
  return [...tags.values()];
}

/** Starting hands named in a text, by hole cards or by notation, canonical (`AK`, `AKo`, `QQ`). */
export function handsInText(text: string): string[] {
  const hands: string[] = [];
  for (const run of text.matchAll(CARD_RUN)) {
    const cards = [...run[0].matchAll(ONE_CARD)].map(([, rank = '', suit = '']) => ({ rank, suit: SUITS[suit] }));
    const [first, second] = cards;
    if (cards.length !== 2 || !first || !second) continue;
    if (first.rank === second.rank && first.suit === second.suit) continue; // the same card twice: a typo
    const base = handTagName(`${first.rank}${second.rank}`);
    if (!base) continue;
    hands.push(base);
    if (first.rank !== second.rank) hands.push(`${base}${first.suit === second.suit ? 's' : 'o'}`);
  }
  for (const m of text.matchAll(HAND_NOTATION)) {
    const notation = m[1] ?? '';
    if (!/[TJQKA]|[so]$/.test(notation)) continue;
    const hand = handTagName(notation);
    if (hand) hands.push(hand);
  }
  return [...new Set(hands)];
}

interface Phrase {
  text: string;
  tag: ResolvedTag;
  hangul: boolean;
}

const HANGUL = /\p{Script=Hangul}/u;

/**
 * Taxonomy words in a text (action, street and other non-hand, non-player
 * categories), longest phrase first so "river bluff" is `river-bluff`, not
 * also `river` and `bluff`. Latin words match whole; Korean words match at
 * the start of a word, since particles follow them (`올인을`, `블러프로`).
 */
export function wordsInText(text: string, taxonomy: Taxonomy): ResolvedTag[] {
  const haystack = toWords(text);
  if (!haystack) return [];
  const phrases: Phrase[] = taxonomy
    .describable()
    .flatMap((entry) =>
      [entry.name, ...entry.synonyms].flatMap((spelling) => {
        const tag = { name: entry.name, category: entry.category };
        const text = toWords(spelling);
        if (!HANGUL.test(spelling)) return [{ text, tag, hangul: false }];
        // Korean is spaced loosely: 배드 비트 and 배드비트 are the same words.
        return [...new Set([text, text.replace(/ /g, '')])].map((t) => ({ text: t, tag, hangul: true }));
      }),
    )
    .filter((p) => p.text !== '')
    .sort((a, b) => b.text.length - a.text.length);

  const taken: boolean[] = new Array(haystack.length).fill(false);
  const found = new Map<string, ResolvedTag>();
  for (const phrase of phrases) {
    for (let at = haystack.indexOf(phrase.text); at !== -1; at = haystack.indexOf(phrase.text, at + 1)) {
      const end = at + phrase.text.length;
      const startsWord = at === 0 || haystack[at - 1] === ' ';
      const endsWord = end === haystack.length || haystack[end] === ' ';
      // Particles follow a Korean word (`데이 1에서`), but `데이 1` does not start `데이 10`.
      const runsOn = /[\p{N}a-z]/u.test(phrase.text.slice(-1)) && /[\p{N}a-z]/u.test(haystack[end] ?? '');
      if (!startsWord || (!phrase.hangul && !endsWord) || runsOn) continue;
      if (taken.slice(at, end).some(Boolean)) continue;
      taken.fill(true, at, end);
      if (!found.has(phrase.tag.name)) found.set(phrase.tag.name, phrase.tag);
    }
  }
  return [...found.values()];
}

/** Lower-case words separated by single spaces: punctuation, hyphens and `#` are spaces. */
function toWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The names in a players field: "Phil Ivey vs Tom Dwan", "Ivey, Dwan",
 * "Ivey / Dwan", "Ivey & Dwan", one per line; seat or stack notes in
 * brackets ("Ivey (BTN)") are dropped.
 */
export function playerNames(field: string): string[] {
  const names = field
    .normalize('NFKC')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/\s+vs?\.?\s+|\s+versus\s+|[,/;&|\n+]|\s+대\s+/i)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '' && normalizeTagText(name) !== null);
  return [...new Set(names)];
}
