import { DEFAULT_TAXONOMY, startingHands } from './default-taxonomy';
import { Taxonomy, TaxonomyError, handTagName, mergeTaxonomy, taxonomyFromFile } from './taxonomy';

describe('the default taxonomy', () => {
  const taxonomy = new Taxonomy(DEFAULT_TAXONOMY);

  it('builds (no spelling means two tags), with categories action, street and hand', () => {
    expect(taxonomy.categories).toEqual(['action', 'street', 'hand']);
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
    ['#bad-beat', 'bad-beat', 'action'],
    ['배드비트', 'bad-beat', 'action'],
    ['쿨러', 'cooler', 'action'],
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
    ['Final Table', 'final-table', null],
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
    expect(taxonomy.resolve('cooler')).toEqual({ name: 'cooler', category: 'action' });
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
