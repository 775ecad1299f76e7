import { RANKS } from './ranks';
import type { TaxonomyEntry } from './taxonomy';

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

/** Tournament days: `day-1` … `day-8` (a Main Event has eight), flights `Day 1A` … `Day 1D` are day 1. */
function tournamentDays(): TaxonomyEntry[] {
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
  return words.map((word, i) => {
    const n = i + 1;
    const flights = n === 1 ? ['day 1a', 'day 1b', 'day 1c', 'day 1d'] : [];
    return { name: `day-${n}`, category: 'stage', synonyms: [`day ${word}`, ...flights, `데이 ${n}`, `${n}일차`] };
  });
}

/**
 * What this block knows about poker tags out of the box: the vocabulary of
 * poker broadcasts in English and Korean (the transliterations editors type).
 * Categories: `action` (what a player does), `street`, `situation` (what the
 * hand turned into), `stage` (where the tournament stands), `hand` (starting
 * hands). Synonyms are matched after normalization and without hyphens or
 * spaces, so `hero call`, `Hero-Call`, `herocall` and `히어로콜` / `히어로 콜`
 * need no entry of their own; inflections (`bluffs`, `shoved`) do, because
 * descriptions use them, and Korean is listed spaced (descriptions match it
 * spaced or not). `HANDS_TAXONOMY_FILE` extends or replaces this list
 * (see apps/hand-analysis/taxonomy.example.yaml).
 */
export const DEFAULT_TAXONOMY: readonly TaxonomyEntry[] = [
  // action
  { name: 'fold', category: 'action', synonyms: ['folds', 'folded', 'folding', '폴드', '폴딩'] },
  { name: 'check', category: 'action', synonyms: ['checks', 'checked', 'checking', '체크'] },
  { name: 'call', category: 'action', synonyms: ['calls', 'called', 'calling', '콜', '콜링'] },
  { name: 'bet', category: 'action', synonyms: ['bets', 'betting', '벳', '베팅', '배팅'] },
  { name: 'raise', category: 'action', synonyms: ['raises', 'raised', 'raising', '레이즈', '레이즈업'] },
  {
    name: '3-bet',
    category: 'action',
    synonyms: ['3 bets', '3 betting', 'three bet', 'three bets', '쓰리 벳', '3벳', '쓰리 베팅'],
  },
  { name: '4-bet', category: 'action', synonyms: ['4 bets', '4 betting', 'four bet', 'four bets', '포 벳', '4벳'] },
  { name: '5-bet', category: 'action', synonyms: ['5 bets', 'five bet', 'five bets', '파이브 벳', '5벳'] },
  {
    name: 'all-in',
    category: 'action',
    synonyms: [
      'all ins',
      'allin',
      'goes all in',
      'went all in',
      'shove',
      'shoves',
      'shoved',
      'shoving',
      'jam',
      'jams',
      'jammed',
      'jamming',
      'push',
      'pushes',
      'pushed',
      '올 인',
      '쇼브',
    ],
  },
  {
    name: 'limp',
    category: 'action',
    synonyms: ['limps', 'limped', 'limping', 'open limp', '림프', '림핑', '림프 인'],
  },
  {
    name: 'c-bet',
    category: 'action',
    synonyms: [
      'c bets',
      'c betting',
      'cbet',
      'continuation bet',
      'continuation bets',
      '씨 벳',
      '컨티뉴에이션 벳',
      '컨벳',
    ],
  },
  {
    name: 'donk-bet',
    category: 'action',
    synonyms: ['donk', 'donks', 'donked', 'donk bets', 'donk betting', '동크 벳', '동크'],
  },
  {
    name: 'check-raise',
    category: 'action',
    synonyms: ['check raises', 'check raised', 'check raising', '체크 레이즈', '첵 레이즈'],
  },
  { name: 'check-call', category: 'action', synonyms: ['check calls', 'check called', 'check calling', '체크 콜'] },
  { name: 'cold-call', category: 'action', synonyms: ['cold calls', 'cold called', 'cold calling', '콜드 콜'] },
  { name: 'overbet', category: 'action', synonyms: ['overbets', 'overbetting', 'over bets', '오버 벳', '오버 베팅'] },
  {
    name: 'min-raise',
    category: 'action',
    synonyms: ['min raises', 'min raised', 'min raising', 'minimum raise', '민 레이즈', '미니멈 레이즈', '미니 레이즈'],
  },
  {
    name: 'snap-call',
    category: 'action',
    synonyms: ['snap calls', 'snap called', 'snap calling', 'insta call', 'insta calls', 'instant call', '스냅 콜'],
  },
  { name: 'hero-call', category: 'action', synonyms: ['hero calls', 'hero called', 'hero calling', '히어로 콜'] },
  { name: 'hero-fold', category: 'action', synonyms: ['hero folds', 'hero folded', 'hero folding', '히어로 폴드'] },
  {
    name: 'slow-play',
    category: 'action',
    synonyms: ['slow plays', 'slow played', 'slow playing', '슬로우 플레이', '슬로 플레이'],
  },
  { name: 'trap', category: 'action', synonyms: ['traps', 'trapped', 'trapping', '트랩'] },
  { name: 'float', category: 'action', synonyms: ['floats', 'floated', 'floating', '플로트', '플로팅'] },
  { name: 'squeeze', category: 'action', synonyms: ['squeezes', 'squeezed', 'squeezing', '스퀴즈'] },
  {
    name: 'bluff',
    category: 'action',
    synonyms: ['bluffs', 'bluffed', 'bluffing', '블러프', '블러핑', '블러프 샷', '뻥카'],
  },
  {
    name: 'semi-bluff',
    category: 'action',
    synonyms: ['semi bluffs', 'semi bluffed', 'semi bluffing', '세미 블러프', '세미 블러핑'],
  },
  {
    name: 'river-bluff',
    category: 'action',
    synonyms: ['river bluffs', 'bluff on the river', 'bluffs the river', 'bluffs on the river', '리버 블러프'],
  },
  {
    name: 'value-bet',
    category: 'action',
    synonyms: ['value bets', 'value betting', 'value', '밸류 벳', '밸류 베팅', '밸류'],
  },
  {
    name: 'thin-value',
    category: 'action',
    synonyms: ['thin value bet', 'thin value bets', 'thin value betting', '씬 밸류', '얇은 밸류', '띤 밸류'],
  },
  {
    name: 'tank',
    category: 'action',
    synonyms: ['tanks', 'tanked', 'tanking', 'tank fold', 'tank call', '탱크', '장고'],
  },
  // street
  { name: 'preflop', category: 'street', synonyms: ['pf', 'pre', '프리 플랍', '프리 플롭'] },
  { name: 'flop', category: 'street', synonyms: ['flops', 'flopped', '플랍', '플롭'] },
  { name: 'turn', category: 'street', synonyms: ['turned', '턴'] },
  { name: 'river', category: 'street', synonyms: ['rivers', 'rivered', '리버'] },
  { name: 'showdown', category: 'street', synonyms: ['showdowns', 'shows down', '쇼다운', '쇼 다운'] },
  // situation
  {
    name: 'big-pot',
    category: 'situation',
    synonyms: ['big pots', 'huge pot', 'massive pot', '빅 팟', '큰 팟', '대형 팟'],
  },
  { name: 'cooler', category: 'situation', synonyms: ['coolers', 'coolered', '쿨러'] },
  { name: 'bad-beat', category: 'situation', synonyms: ['bad beats', '배드 비트', '배드 빗', '뱃 빗'] },
  {
    name: 'suck-out',
    category: 'situation',
    synonyms: ['sucks out', 'sucked out', 'sucking out', '석 아웃', '썩 아웃'],
  },
  { name: 'set-over-set', category: 'situation', synonyms: ['set vs set', '셋 오버 셋'] },
  {
    name: 'flush-over-flush',
    category: 'situation',
    synonyms: ['flush vs flush', '플러시 오버 플러시', '플러쉬 오버 플러쉬'],
  },
  { name: 'straight', category: 'situation', synonyms: ['straights', '스트레이트'] },
  { name: 'flush', category: 'situation', synonyms: ['flushes', '플러시', '플러쉬'] },
  {
    name: 'full-house',
    category: 'situation',
    synonyms: ['full houses', 'boat', 'full boat', '풀 하우스'],
  },
  { name: 'quads', category: 'situation', synonyms: ['four of a kind', 'quad', '쿼즈', '포카드', '포 카드'] },
  {
    name: 'straight-flush',
    category: 'situation',
    synonyms: ['straight flushes', '스트레이트 플러시', '스트레이트 플러쉬', '스티플'],
  },
  {
    name: 'royal-flush',
    category: 'situation',
    synonyms: ['royal', 'royal straight flush', '로열 플러시', '로얄 플러시', '로열 스트레이트 플러시', '로티플'],
  },
  { name: 'nuts', category: 'situation', synonyms: ['the nuts', 'stone nuts', '넛츠', '넛', '더 넛'] },
  {
    name: 'split-pot',
    category: 'situation',
    synonyms: [
      'split',
      'splits',
      'split the pot',
      'chop',
      'chops',
      'chopped',
      'chop pot',
      'chopped pot',
      '스플릿',
      '스플릿 팟',
      '찹',
      '팟 분할',
    ],
  },
  { name: 'runout', category: 'situation', synonyms: ['run out', 'runouts', 'board runout', '런 아웃'] },
  { name: 'runner-runner', category: 'situation', synonyms: ['러너 러너'] },
  { name: 'run-it-twice', category: 'situation', synonyms: ['ran it twice', 'runs it twice', 'rit', '런 잇 트와이스'] },
  {
    name: 'coin-flip',
    category: 'situation',
    synonyms: ['coin flips', 'flip', 'flips', 'race', '코인 플립', '플립'],
  },
  {
    name: 'dominated',
    category: 'situation',
    synonyms: ['dominates', 'domination', 'dominating', '도미네이트', '도미네이티드', '도미네이션'],
  },
  {
    name: 'bounty',
    category: 'situation',
    synonyms: ['bounties', 'pko', 'progressive knockout', 'knockout bounty', '바운티'],
  },
  {
    name: 'elimination',
    category: 'situation',
    synonyms: [
      'eliminated',
      'eliminates',
      'eliminating',
      'bust',
      'busts',
      'busted',
      'bust out',
      'busts out',
      'busted out',
      'knocked out',
      'knocks out',
      '탈락',
      '버스트',
    ],
  },
  {
    name: 'double-up',
    category: 'situation',
    synonyms: ['doubles up', 'doubled up', 'doubling up', 'doubles through', 'doubled through', '더블 업'],
  },
  {
    name: 'all-in-and-call',
    category: 'situation',
    synonyms: [
      'all in and call',
      'all in call',
      'all in called',
      'shove and call',
      'jam and call',
      '올인 콜',
      '올인 앤 콜',
    ],
  },
  // stage
  {
    name: 'bubble',
    category: 'stage',
    synonyms: ['on the bubble', 'bubble boy', 'bubble burst', 'bubble bursts', 'burst the bubble', '버블', '버블 보이'],
  },
  { name: 'money-bubble', category: 'stage', synonyms: ['cash bubble', '머니 버블'] },
  { name: 'final-table-bubble', category: 'stage', synonyms: ['ft bubble', '파이널 테이블 버블'] },
  { name: 'hand-for-hand', category: 'stage', synonyms: ['핸드 포 핸드'] },
  { name: 'in-the-money', category: 'stage', synonyms: ['itm', '인 더 머니'] },
  { name: 'final-table', category: 'stage', synonyms: ['final tables', 'ft', '파이널 테이블'] },
  {
    name: 'final-three',
    category: 'stage',
    synonyms: ['final 3', 'last three', 'last 3', 'three handed', '3 handed', '파이널 쓰리', '파이널 3'],
  },
  {
    name: 'heads-up',
    category: 'stage',
    synonyms: ['hu', 'heads up match', '헤즈 업', '헤드 업', '헤즈업 매치'],
  },
  {
    name: 'short-stack',
    category: 'stage',
    synonyms: ['short stacks', 'short stacked', 'shortstacked', '숏 스택', '쇼트 스택'],
  },
  {
    name: 'chip-lead',
    category: 'stage',
    synonyms: ['chip leader', 'chip leads', 'takes the chip lead', '칩 리더', '칩 리드'],
  },
  ...tournamentDays(),
  // hand
  ...startingHands(),
];
