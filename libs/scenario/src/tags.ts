import { Rng } from './prng';

/**
 * Tag words editors type, each with the canonical tag hand-analysis must
 * make of it (null: a free tag, kept as written, not asserted). English and
 * Korean, with the spellings seen in real hand logs (issue 10: 빅팟, 버블, 헤즈업).
 */
export const TAG_WORDS: readonly { canonical: string | null; spellings: readonly string[] }[] = [
  { canonical: 'bluff', spellings: ['bluff', 'Bluff', '블러프'] },
  { canonical: 'hero-call', spellings: ['hero call', 'hero-call', 'Hero Call', '히어로 콜'] },
  { canonical: 'hero-fold', spellings: ['hero fold', '히어로 폴드'] },
  { canonical: 'all-in', spellings: ['all-in', 'all in', '올인'] },
  { canonical: 'cooler', spellings: ['cooler', '쿨러'] },
  { canonical: 'bad-beat', spellings: ['bad beat', '배드 비트'] },
  { canonical: 'river', spellings: ['river', '리버'] },
  { canonical: 'preflop', spellings: ['preflop', '프리플랍'] },
  { canonical: 'check-raise', spellings: ['check-raise', '체크레이즈'] },
  { canonical: '3-bet', spellings: ['3-bet', '3벳'] },
  { canonical: 'slow-play', spellings: ['slowplay', '슬로우 플레이'] },
  { canonical: 'set-over-set', spellings: ['set over set', '셋 오버 셋'] },
  { canonical: 'big-pot', spellings: ['빅팟', 'big pot'] },
  { canonical: 'bubble', spellings: ['버블', 'bubble'] },
  { canonical: 'heads-up', spellings: ['헤즈업', 'heads-up', 'heads up'] },
  { canonical: 'AA', spellings: ['AA', '포켓 에이스'] },
  { canonical: 'AKs', spellings: ['AKs'] },
  { canonical: null, spellings: ['highroller', '하이라이트', 'TV table'] },
];

/** The Korean words issue 10 saw kept as free tags: every scenario uses each at least once. */
export const REQUIRED_KOREAN_TAGS: readonly string[] = ['빅팟', '버블', '헤즈업'];

export type TagSeparator = 'comma' | 'hash' | 'slash' | 'newline' | 'semicolon';
const SEPARATORS: readonly TagSeparator[] = ['comma', 'hash', 'slash', 'newline', 'semicolon'];

export interface TagCell {
  text: string;
  /** Canonical tags the clip must carry, sorted. */
  canonical: string[];
}

/** Joins tag words the way editors do: `a, b`, `#a #b`, `a/b`, one per line, `a; b`. */
export function joinTags(words: readonly string[], separator: TagSeparator): string {
  switch (separator) {
    case 'comma':
      return words.join(', ');
    case 'hash':
      return words.map((w) => `#${w}`).join(' ');
    case 'slash':
      return words.join('/');
    case 'newline':
      return words.join('\n');
    case 'semicolon':
      return words.join('; ');
  }
}

/** One to three tag words (plus `forced`, a spelling that must appear), joined in a random style. */
export function tagCell(rng: Rng, forced?: string): TagCell {
  const entries = rng.shuffle(TAG_WORDS).slice(0, rng.int(1, 3));
  const words = entries.map((e) => rng.pick(e.spellings));
  const canonical = new Set(entries.map((e) => e.canonical).filter((c): c is string => c !== null));
  if (forced) {
    const entry = TAG_WORDS.find((e) => e.spellings.includes(forced));
    if (!entry) throw new Error(`unknown tag spelling ${forced}`);
    if (!words.includes(forced)) words.push(forced);
    if (entry.canonical) canonical.add(entry.canonical);
  }
  return { text: joinTags(words, rng.pick(SEPARATORS)), canonical: [...canonical].sort() };
}
