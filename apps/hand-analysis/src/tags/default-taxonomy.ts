import type { TaxonomyEntry } from './taxonomy';

/** Card ranks from strongest to weakest; `T` is ten. */
export const RANKS = ['A', 'K', 'Q', 'J', 'T', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** Nicknames of some starting hands. */
const HAND_NICKNAMES: Record<string, string[]> = {
  AA: ['pocket aces', 'pocket rockets', 'bullets', '포켓 에이스'],
  KK: ['pocket kings', 'cowboys', '포켓 킹'],
  QQ: ['pocket queens', 'ladies', '포켓 퀸'],
  JJ: ['pocket jacks', 'hooks', '포켓 잭'],
  AK: ['big slick', '빅 슬릭'],
};

/**
 * Every starting hand: the 13 pairs, and for each other pair of ranks the
 * generic (`AK`), suited (`AKs`) and offsuit (`AKo`) forms: 247 tags. Other
 * spellings (`ak`, `KA`, `A10s`) are read by `handTagName`.
 */
export function startingHands(): TaxonomyEntry[] {
  const entries: TaxonomyEntry[] = [];
  RANKS.forEach((high, i) => {
    entries.push({ name: `${high}${high}`, category: 'hand', synonyms: HAND_NICKNAMES[`${high}${high}`] ?? [] });
    for (const low of RANKS.slice(i + 1)) {
      const base = `${high}${low}`;
      entries.push({ name: base, category: 'hand', synonyms: HAND_NICKNAMES[base] ?? [] });
      entries.push({ name: `${base}s`, category: 'hand', synonyms: [] });
      entries.push({ name: `${base}o`, category: 'hand', synonyms: [] });
    }
  });
  return entries;
}

/**
 * What this block knows about poker tags out of the box, in English and
 * Korean. Synonyms are matched after normalization and without hyphens, so
 * `hero call`, `Hero-Call` and `herocall` need no entry of their own;
 * inflections (`bluffs`, `shoved`) do, because descriptions use them.
 * `HANDS_TAXONOMY_FILE` extends or replaces this list
 * (see apps/hand-analysis/taxonomy.example.yaml).
 */
export const DEFAULT_TAXONOMY: readonly TaxonomyEntry[] = [
  // action
  { name: 'bluff', category: 'action', synonyms: ['bluffs', 'bluffed', 'bluffing', '블러프', '블러핑', '블러프샷'] },
  { name: 'semi-bluff', category: 'action', synonyms: ['semi bluffs', 'semi bluffed', 'semi bluffing', '세미 블러프'] },
  {
    name: 'river-bluff',
    category: 'action',
    synonyms: ['river bluffs', 'bluff on the river', 'bluffs the river', 'bluffs on the river', '리버 블러프'],
  },
  { name: 'hero-call', category: 'action', synonyms: ['hero calls', 'hero called', 'hero calling', '히어로 콜'] },
  { name: 'hero-fold', category: 'action', synonyms: ['hero folds', 'hero folded', 'hero folding', '히어로 폴드'] },
  { name: 'bad-beat', category: 'action', synonyms: ['bad beats', 'badbeat', '배드 비트', '배드빗'] },
  { name: 'cooler', category: 'action', synonyms: ['coolers', 'coolered', '쿨러'] },
  {
    name: 'all-in',
    category: 'action',
    synonyms: [
      'all ins',
      'all in',
      'allin',
      'shove',
      'shoves',
      'shoved',
      'shoving',
      'jam',
      'jams',
      'jammed',
      'jamming',
      'goes all in',
      '올인',
      '올 인',
    ],
  },
  {
    name: 'slow-play',
    category: 'action',
    synonyms: ['slow plays', 'slow played', 'slow playing', 'slowplay', '슬로우 플레이', '슬로 플레이'],
  },
  {
    name: 'check-raise',
    category: 'action',
    synonyms: ['check raises', 'check raised', 'check raising', '체크 레이즈', '체크레이즈'],
  },
  {
    name: 'value-bet',
    category: 'action',
    synonyms: ['value bets', 'value betting', 'thin value', '밸류 벳', '밸류 베팅'],
  },
  { name: 'overbet', category: 'action', synonyms: ['overbets', 'overbetting', 'over bet', '오버 벳', '오버벳'] },
  { name: '3-bet', category: 'action', synonyms: ['3 bets', '3 bet', 'three bet', 'three bets', '쓰리 벳', '3벳'] },
  { name: '4-bet', category: 'action', synonyms: ['4 bets', 'four bet', 'four bets', '포 벳', '4벳'] },
  { name: '5-bet', category: 'action', synonyms: ['5 bets', 'five bet', 'five bets', '5벳'] },
  { name: 'squeeze', category: 'action', synonyms: ['squeezes', 'squeezed', '스퀴즈'] },
  {
    name: 'c-bet',
    category: 'action',
    synonyms: ['c bets', 'continuation bet', 'continuation bets', '씨벳', '컨티뉴에이션 벳'],
  },
  { name: 'donk-bet', category: 'action', synonyms: ['donk bets', 'donk', 'donks', '동크 벳'] },
  { name: 'trap', category: 'action', synonyms: ['traps', 'trapped', 'trapping', '트랩'] },
  { name: 'suck-out', category: 'action', synonyms: ['sucks out', 'sucked out', 'suckout', '석아웃'] },
  { name: 'set-over-set', category: 'action', synonyms: ['set over set', '셋 오버 셋'] },
  // street
  { name: 'preflop', category: 'street', synonyms: ['pre flop', 'pf', '프리플랍', '프리플롭', '프리 플랍'] },
  { name: 'flop', category: 'street', synonyms: ['flops', 'flopped', '플랍', '플롭'] },
  { name: 'turn', category: 'street', synonyms: ['turned', '턴'] },
  { name: 'river', category: 'street', synonyms: ['rivers', 'rivered', '리버'] },
  { name: 'showdown', category: 'street', synonyms: ['showdowns', '쇼다운'] },
  // hand
  ...startingHands(),
];
