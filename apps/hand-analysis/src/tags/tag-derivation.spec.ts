import { DEFAULT_TAXONOMY } from './default-taxonomy';
import { deriveTags, handsInText, playerNames, wordsInText } from './tag-derivation';
import { Taxonomy } from './taxonomy';

const taxonomy = new Taxonomy(DEFAULT_TAXONOMY);
const names = (tags: { name: string }[]) => tags.map((t) => t.name).sort();

describe('handsInText', () => {
  it.each([
    ['Ivey shows AhKd', ['AK', 'AKo']],
    ['A♥K♦ on the button', ['AK', 'AKo']],
    ['A♥️K♥️', ['AK', 'AKs']],
    ['opens Ah Kd', ['AK', 'AKo']],
    ['Kd, Ah', ['AK', 'AKo']],
    ['AsAd vs KcKh', ['AA', 'KK']],
    ['10h9h', ['T9', 'T9s']],
    ['Th9h vs 2c2d', ['22', 'T9', 'T9s']],
    ['raises with AKs', ['AKs']],
    ['QQ < AK', ['AK', 'QQ']],
    ['76s', ['76s']],
    ['holds [Qs Jc]', ['QJ', 'QJo']],
  ])('%j → %j', (text, hands) => {
    expect(handsInText(text).sort()).toEqual(hands);
  });

  it.each([
    'he was at the table as the river came',
    'raised to 22 big blinds at 25k',
    'AKA the best',
    'AsAs (typo)',
    'flop comes Ah Kd 7c',
    '',
  ])('%j names no hand', (text) => {
    expect(handsInText(text)).toEqual([]);
  });
});

describe('wordsInText', () => {
  it.each([
    ['Ivey goes all in', ['all-in']],
    ['Dwan shoves the river', ['all-in', 'river']],
    ['all-in preflop', ['all-in', 'preflop']],
    ['ALL IN!!!', ['all-in']],
    ['올인을 받았다', ['all-in']],
    ['프리플랍 올인, 리버에서 배드비트', ['all-in', 'bad-beat', 'preflop', 'river']],
    ['massive river bluff', ['river-bluff']],
    ['hero call with ace high', ['hero-call']],
    ['check-raises the flop', ['check-raise', 'flop']],
    ['pure cooler, set over set', ['cooler', 'set-over-set']],
    ['he is a bluffer', []],
    ['pattern 패턴', []],
  ])('%j → %j', (text, tags) => {
    expect(names(wordsInText(text, taxonomy))).toEqual(tags);
  });
});

describe('playerNames', () => {
  it.each([
    ['Phil Ivey vs Tom Dwan', ['Phil Ivey', 'Tom Dwan']],
    ['Phil Ivey vs. Tom Dwan vs Patrik Antonius', ['Phil Ivey', 'Tom Dwan', 'Patrik Antonius']],
    ['Ivey, Dwan', ['Ivey', 'Dwan']],
    ['Ivey / Dwan', ['Ivey', 'Dwan']],
    ['Ivey & Dwan; Antonius', ['Ivey', 'Dwan', 'Antonius']],
    ['Ivey (BTN) v Dwan [BB]', ['Ivey', 'Dwan']],
    ['Ivey\nDwan', ['Ivey', 'Dwan']],
    ['필 아이비 대 톰 드완', ['필 아이비', '톰 드완']],
    ['Ivey, Ivey', ['Ivey']],
    ['', []],
    [' , / ', []],
  ])('%j → %j', (field, expected) => {
    expect(playerNames(field)).toEqual(expected);
  });
});

describe('deriveTags', () => {
  it('tags hands, actions, streets and players from a clip’s texts', () => {
    const tags = deriveTags(
      { description: 'Ivey shoves AhKd preflop, Dwan calls with QsQc: a cooler', players: 'Phil Ivey vs Tom Dwan' },
      taxonomy,
    );
    expect(tags).toEqual(
      expect.arrayContaining([
        { name: 'AK', category: 'hand' },
        { name: 'AKo', category: 'hand' },
        { name: 'QQ', category: 'hand' },
        { name: 'all-in', category: 'action' },
        { name: 'cooler', category: 'action' },
        { name: 'preflop', category: 'street' },
        { name: 'player:phil-ivey', category: 'player' },
        { name: 'player:tom-dwan', category: 'player' },
      ]),
    );
    expect(tags).toHaveLength(8);
  });

  it('derives nothing from empty texts', () => {
    expect(deriveTags({ description: null, players: null }, taxonomy)).toEqual([]);
  });
});
