import { DEFAULT_TAXONOMY, startingHands } from './default-taxonomy';
import { Taxonomy, TaxonomyError, handTagName, mergeTaxonomy, taxonomyFromFile } from './taxonomy';

describe('the default taxonomy', () => {
  const taxonomy = new Taxonomy(DEFAULT_TAXONOMY);

  it('builds (no spelling means two tags), with categories action, street, situation, stage and hand', () => {
    expect(taxonomy.categories).toEqual(['action', 'street', 'situation', 'stage', 'hand']);
    expect(taxonomy.entries.length).toBe(DEFAULT_TAXONOMY.length);
  });

  it('has every starting hand: 13 pairs and 78 rank pairs × (generic, suited, offsuit)', () => {
    const hands = startingHands().map((e) => e.name);
    expect(hands).toHaveLength(13 + 78 * 3);
    expect(hands).toEqual(expect.arrayContaining(['AA', '22', 'AK', 'AKs', 'AKo', 'T9s', '32o']));
    expect(new Set(hands).size).toBe(hands.length);
  });

  it.each([
    ['＃ＢＬＵＦＦ', 'bluff', 'action'],
    ['#Bluff', 'bluff', 'action'],
    ['블러프', 'bluff', 'action'],
    ['Hero Call', 'hero-call', 'action'],
    ['hero_call', 'hero-call', 'action'],
    ['herocall', 'hero-call', 'action'],
    ['히어로콜', 'hero-call', 'action'],
    ['히어로 콜', 'hero-call', 'action'],
    ['#bad-beat', 'bad-beat', 'situation'],
    ['배드비트', 'bad-beat', 'situation'],
    ['쿨러', 'cooler', 'situation'],
    ['All In', 'all-in', 'action'],
    ['올인', 'all-in', 'action'],
    ['shove', 'all-in', 'action'],
    ['3bet', '3-bet', 'action'],
    ['프리플랍', 'preflop', 'street'],
    ['Pre-Flop', 'preflop', 'street'],
    ['플랍', 'flop', 'street'],
    ['턴', 'turn', 'street'],
    ['리버', 'river', 'street'],
    ['AKs', 'AKs', 'hand'],
    ['aks', 'AKs', 'hand'],
    ['KA', 'AK', 'hand'],
    ['A10s', 'ATs', 'hand'],
    ['t9o', 'T9o', 'hand'],
    ['qq', 'QQ', 'hand'],
    ['pocket aces', 'AA', 'hand'],
    ['player: Phil Ivey', 'player:phil-ivey', 'player'],
    ['Final Table', 'final-table', 'stage'],
    ['빅팟', 'big-pot', 'situation'],
    ['버블', 'bubble', 'stage'],
    ['헤즈업', 'heads-up', 'stage'],
    ['#Ｍｏｎｓｔｅｒ　Ｐｏｔ', 'monster-pot', null],
    ['역전', '역전', null],
  ])('%j → %j (%s)', (raw, name, category) => {
    expect(taxonomy.resolve(raw)).toEqual({ name, category });
  });

  it('ignores empty tags', () => {
    expect(taxonomy.resolve(' # ')).toBeNull();
  });

  it('makes player tags from names, preferring players the taxonomy lists', () => {
    const withPlayers = new Taxonomy([
      ...DEFAULT_TAXONOMY,
      { name: 'player:phil-ivey', category: 'player', synonyms: ['Ivey', '필 아이비'] },
    ]);
    expect(withPlayers.player('Phil Ivey')).toEqual({ name: 'player:phil-ivey', category: 'player' });
    expect(withPlayers.player('ivey')).toEqual({ name: 'player:phil-ivey', category: 'player' });
    expect(withPlayers.player('필 아이비')).toEqual({ name: 'player:phil-ivey', category: 'player' });
    expect(withPlayers.player('Tom Dwan')).toEqual({ name: 'player:tom-dwan', category: 'player' });
    // A player whose name is also an action word is still a player.
    expect(withPlayers.player('Cooler')).toEqual({ name: 'player:cooler', category: 'player' });
  });
});

describe('handTagName', () => {
  it.each([
    ['ak', 'AK'],
    ['ka', 'AK'],
    ['kas', 'AKs'],
    ['a10o', 'ATo'],
    ['1010', 'TT'],
    ['72o', '72o'],
    ['27o', '72o'],
  ])('%j → %j', (text, hand) => expect(handTagName(text)).toBe(hand));

  it.each(['aas', 'kko', 'ab', 'a', 'aks-x', 'bluff'])('%j is not a hand', (text) => {
    expect(handTagName(text)).toBeNull();
  });
});

describe('taxonomy files', () => {
  const base = DEFAULT_TAXONOMY;

  it('extends the built-in taxonomy, replacing entries of the same name', () => {
    const taxonomy = taxonomyFromFile(
      `tags:
  - name: bluff
    category: action
    synonyms: [bluffing, 블러프, 뻥카]
  - name: player:phil-ivey
    category: player
    synonyms: [Ivey]
  - name: final-table
    category: stage
    synonyms: [FT, 파이널 테이블]
`,
      'taxonomy.yaml',
      base,
    );
    expect(taxonomy.resolve('뻥카')).toEqual({ name: 'bluff', category: 'action' });
    // bluff's own synonyms were replaced: "bluffs" is a free tag now.
    expect(taxonomy.resolve('bluffs')).toEqual({ name: 'bluffs', category: null });
    expect(taxonomy.resolve('ft')).toEqual({ name: 'final-table', category: 'stage' });
    expect(taxonomy.resolve('Ivey')).toEqual({ name: 'player:phil-ivey', category: 'player' });
    expect(taxonomy.resolve('cooler')).toEqual({ name: 'cooler', category: 'situation' });
  });

  it('replaces it with extends: false, and reads JSON too', () => {
    const taxonomy = taxonomyFromFile(
      JSON.stringify({ extends: false, tags: [{ name: 'sick-fold', category: 'action', synonyms: ['nitty fold'] }] }),
      'taxonomy.json',
      base,
    );
    expect(taxonomy.entries.map((e) => e.name)).toEqual(['sick-fold']);
    expect(taxonomy.resolve('cooler')).toEqual({ name: 'cooler', category: null });
    expect(taxonomy.resolve('AKs')).toEqual({ name: 'AKs', category: 'hand' });
  });

  it.each([
    ['tags: [', /^bad\.yaml: not YAML or JSON/],
    ['tags:\n  - name: x\n', /^bad\.yaml: tags\.0\.category: /],
    ['tags:\n  - name: x\n    category: action\n    colour: red\n', /^bad\.yaml: tags\.0: /],
    ['other: 1\n', /^bad\.yaml: \(top\): /],
    [
      'tags:\n  - {name: brag, category: action, synonyms: [cooler]}\n',
      /^bad\.yaml: taxonomy: "cooler" would mean both "cooler" and "brag"/,
    ],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => taxonomyFromFile(text, 'bad.yaml', base)).toThrow(TaxonomyError);
    expect(() => taxonomyFromFile(text, 'bad.yaml', base)).toThrow(message);
  });

  it('refuses a name listed twice', () => {
    expect(
      () =>
        new Taxonomy([
          { name: 'x', category: 'a', synonyms: [] },
          { name: 'x', category: 'b', synonyms: [] },
        ]),
    ).toThrow('taxonomy: tag "x" is listed twice');
  });

  it('merges by normalized name', () => {
    const merged = mergeTaxonomy(
      [{ name: 'hero-call', category: 'action', synonyms: ['hc'] }],
      [{ name: 'Hero Call', category: 'move', synonyms: [] }],
    );
    expect(merged).toEqual([{ name: 'Hero Call', category: 'move', synonyms: [] }]);
  });
});

/**
 * The broadcast vocabulary, one row per term: its canonical tag, its
 * category and spellings editors type (English and Korean, the way they are
 * seen in hand logs). Each spelling is also tried in the variants editors
 * produce (case, spaces, hyphens, underscores, `#`, full-width, decomposed
 * Hangul).
 */
const VOCABULARY: [string, string, string[]][] = [
  // action
  ['fold', 'action', ['fold', 'Folds', 'folded', '폴드']],
  ['check', 'action', ['check', 'checks', '체크']],
  ['call', 'action', ['call', 'calls', '콜']],
  ['bet', 'action', ['bet', 'bets', '벳', '베팅', '배팅']],
  ['raise', 'action', ['raise', 'raised', '레이즈']],
  ['3-bet', 'action', ['3-bet', '3bet', '3 bet', 'three bet', '쓰리벳', '쓰리 벳', '3벳']],
  ['4-bet', 'action', ['4-bet', '4bet', 'four bet', '포벳', '포 벳', '4벳']],
  ['5-bet', 'action', ['5-bet', 'five bet', '파이브벳', '5벳']],
  [
    'all-in',
    'action',
    ['all-in', 'all in', 'allin', 'shove', 'shoves', 'jam', 'jammed', 'push', '올인', '올-인', '올 인', '쇼브'],
  ],
  ['limp', 'action', ['limp', 'limps', 'open limp', '림프', '림프인']],
  [
    'c-bet',
    'action',
    ['c-bet', 'cbet', 'c bet', 'continuation bet', '씨벳', '씨 벳', '컨티뉴에이션 벳', '컨티뉴에이션벳', '컨벳'],
  ],
  ['donk-bet', 'action', ['donk', 'donk bet', 'donkbet', '동크벳', '동크']],
  [
    'check-raise',
    'action',
    ['check-raise', 'check raise', 'checkraise', 'check raises', '체크레이즈', '체크 레이즈', '첵레이즈'],
  ],
  ['check-call', 'action', ['check call', 'check-calls', '체크콜']],
  ['cold-call', 'action', ['cold call', 'cold-called', '콜드콜']],
  ['overbet', 'action', ['overbet', 'over bet', 'overbets', '오버벳', '오버 벳']],
  [
    'min-raise',
    'action',
    ['min-raise', 'min raise', 'minraise', 'min raised', '민레이즈', '민 레이즈', '미니멈 레이즈'],
  ],
  ['snap-call', 'action', ['snap call', 'snapcall', 'snap-called', 'insta call', '스냅콜', '스냅 콜']],
  ['hero-call', 'action', ['hero call', 'hero-call', 'herocall', 'hero calls', '히어로콜', '히어로 콜']],
  ['hero-fold', 'action', ['hero fold', 'herofold', 'hero folds', '히어로폴드', '히어로 폴드']],
  ['slow-play', 'action', ['slowplay', 'slow play', 'slow played', '슬로우플레이', '슬로우 플레이', '슬로플레이']],
  ['trap', 'action', ['trap', 'trapped', '트랩']],
  ['float', 'action', ['float', 'floats', 'floated', '플로트', '플로팅']],
  ['squeeze', 'action', ['squeeze', 'squeezed', '스퀴즈']],
  ['bluff', 'action', ['bluff', 'bluffs', 'bluffing', '블러프', '블러핑', '뻥카']],
  ['semi-bluff', 'action', ['semi-bluff', 'semi bluff', 'semibluff', '세미블러프', '세미 블러프']],
  ['river-bluff', 'action', ['river bluff', 'bluffs the river', '리버 블러프', '리버블러프']],
  ['value-bet', 'action', ['value bet', 'value-bet', 'valuebet', 'value', '밸류벳', '밸류 벳', '밸류 베팅', '밸류']],
  ['thin-value', 'action', ['thin value', 'thin-value', 'thin value bet', '씬밸류', '씬 밸류', '얇은 밸류']],
  ['tank', 'action', ['tank', 'tanked', 'tank fold', '탱크', '장고']],
  // street
  [
    'preflop',
    'street',
    ['preflop', 'pre-flop', 'pre flop', 'pf', 'pre', '프리플랍', '프리 플랍', '프리플롭', '프리 플롭'],
  ],
  ['flop', 'street', ['flop', 'flopped', '플랍', '플롭']],
  ['turn', 'street', ['turn', 'turned', '턴']],
  ['river', 'street', ['river', 'rivered', '리버']],
  ['showdown', 'street', ['showdown', 'show down', '쇼다운', '쇼 다운']],
  // situation
  ['big-pot', 'situation', ['big pot', 'big-pot', 'bigpot', 'huge pot', '빅팟', '빅 팟', '큰 팟']],
  ['cooler', 'situation', ['cooler', 'coolered', '쿨러']],
  ['bad-beat', 'situation', ['bad beat', 'badbeat', 'bad-beats', '배드빗', '배드 빗', '배드비트', '배드 비트']],
  ['suck-out', 'situation', ['suckout', 'suck out', 'sucks out', '석아웃', '석 아웃', '썩아웃']],
  ['set-over-set', 'situation', ['set over set', 'set-over-set', 'set vs set', '셋오버셋', '셋 오버 셋']],
  ['flush-over-flush', 'situation', ['flush over flush', '플러시오버플러시', '플러쉬 오버 플러쉬']],
  ['straight', 'situation', ['straight', 'straights', '스트레이트']],
  ['flush', 'situation', ['flush', '플러시', '플러쉬']],
  ['full-house', 'situation', ['full house', 'fullhouse', 'boat', 'full boat', '풀하우스', '풀 하우스']],
  ['quads', 'situation', ['quads', 'four of a kind', '쿼즈', '포카드', '포 카드']],
  [
    'straight-flush',
    'situation',
    ['straight flush', 'straightflush', '스트레이트 플러시', '스트레이트플러시', '스티플'],
  ],
  ['royal-flush', 'situation', ['royal flush', 'royal', '로열 플러시', '로얄플러시', '로티플']],
  ['nuts', 'situation', ['nuts', 'the nuts', '넛츠', '넛', '더 넛']],
  ['split-pot', 'situation', ['split pot', 'split', 'chop', 'chopped', 'chop pot', '스플릿', '스플릿 팟', '찹']],
  ['runout', 'situation', ['runout', 'run out', 'run-out', '런아웃', '런 아웃']],
  ['runner-runner', 'situation', ['runner runner', 'runner-runner', 'runnerrunner', '러너러너', '러너 러너']],
  ['run-it-twice', 'situation', ['run it twice', 'ran it twice', 'rit', '런잇트와이스']],
  ['coin-flip', 'situation', ['coin flip', 'coinflip', 'flip', 'race', '코인플립', '코인 플립', '플립']],
  ['dominated', 'situation', ['dominated', 'dominates', '도미네이트', '도미네이티드']],
  ['bounty', 'situation', ['bounty', 'bounties', 'pko', '바운티']],
  [
    'elimination',
    'situation',
    ['elimination', 'eliminated', 'bust', 'busted', 'busts out', 'knocked out', '탈락', '버스트'],
  ],
  ['double-up', 'situation', ['double up', 'double-up', 'doubles up', 'doubled through', '더블업', '더블 업']],
  [
    'all-in-and-call',
    'situation',
    ['all in and call', 'all-in call', 'shove and call', '올인 콜', '올인콜', '올인 앤 콜'],
  ],
  // stage
  ['bubble', 'stage', ['bubble', 'on the bubble', 'bubble boy', '버블', '버블 보이', '버블보이']],
  ['money-bubble', 'stage', ['money bubble', 'moneybubble', 'cash bubble', '머니 버블', '머니버블']],
  ['final-table-bubble', 'stage', ['final table bubble', 'FT bubble', '파이널 테이블 버블']],
  ['hand-for-hand', 'stage', ['hand for hand', 'hand-for-hand', '핸드 포 핸드', '핸드포핸드']],
  ['in-the-money', 'stage', ['ITM', 'in the money', 'in-the-money', '인더머니', '인 더 머니']],
  ['final-table', 'stage', ['final table', 'FT', 'ft', '파이널테이블', '파이널 테이블']],
  ['final-three', 'stage', ['final three', 'final 3', 'three handed', '3-handed', '파이널 쓰리', '파이널3']],
  ['heads-up', 'stage', ['heads up', 'heads-up', 'headsup', 'HU', '헤즈업', '헤즈 업', '헤드업', '헤드 업']],
  ['short-stack', 'stage', ['short stack', 'shortstack', 'short-stacked', '숏스택', '숏 스택', '쇼트 스택']],
  ['chip-lead', 'stage', ['chip lead', 'chip leader', 'chipleader', '칩리더', '칩 리더', '칩 리드']],
  ['day-1', 'stage', ['Day 1', 'day1', 'day one', 'Day 1A', 'day 1c', '데이 1', '데이1', '1일차']],
  ['day-2', 'stage', ['Day 2', 'day two', '데이 2', '2일차']],
  ['day-3', 'stage', ['Day 3', 'day-3', '데이3', '3일차']],
  ['day-4', 'stage', ['Day 4', 'day four', '4일차']],
  ['day-5', 'stage', ['Day 5', 'day five', '5일차']],
  ['day-6', 'stage', ['Day 6', 'day six', '6일차']],
  ['day-7', 'stage', ['Day 7', 'day seven', '7일차']],
  ['day-8', 'stage', ['Day 8', 'day eight', '8일차']],
];

/** A spelling as editors also type it: cased, spaced, hyphenated, underscored, hashed, full-width, decomposed. */
function variants(spelling: string): string[] {
  const fullWidth = spelling.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return [
    ...new Set([
      spelling,
      spelling.toUpperCase(),
      spelling.toLowerCase(),
      spelling.replace(/\b\w/g, (c) => c.toUpperCase()),
      spelling.replace(/[\s-]+/g, ''),
      spelling.replace(/[\s-]+/g, '-'),
      spelling.replace(/[\s-]+/g, ' '),
      spelling.replace(/[\s-]+/g, '_'),
      `#${spelling}`,
      `  ${spelling}  `,
      fullWidth,
      spelling.normalize('NFD'),
    ]),
  ];
}

describe('the broadcast vocabulary (EN + KO)', () => {
  const taxonomy = new Taxonomy(DEFAULT_TAXONOMY);

  describe.each(VOCABULARY)('%s (%s)', (name, category, spellings) => {
    it.each(spellings)('%j and its variants', (spelling) => {
      for (const variant of variants(spelling)) {
        expect([variant, taxonomy.resolve(variant)]).toEqual([variant, { name, category }]);
      }
    });

    it('every synonym the taxonomy lists resolves to it', () => {
      const entry = taxonomy.entry(name);
      expect(entry).toMatchObject({ name, category });
      for (const synonym of entry?.synonyms ?? []) {
        for (const variant of variants(synonym)) {
          expect([variant, taxonomy.resolve(variant)]).toEqual([variant, { name, category }]);
        }
      }
    });
  });

  it('has a row above for every built-in term that is not a starting hand', () => {
    const listed = DEFAULT_TAXONOMY.filter((e) => e.category !== 'hand').map((e) => [e.name, e.category]);
    expect(VOCABULARY.map(([name, category]) => [name, category])).toEqual(listed);
  });

  it('reads the words once kept as free tags (빅팟, 버블, 헤즈업) as their canonical tags', () => {
    for (const [word, name] of [
      ['빅팟', 'big-pot'],
      ['버블', 'bubble'],
      ['헤즈업', 'heads-up'],
    ]) {
      expect(taxonomy.resolve(word)?.name).toBe(name);
    }
  });
});
