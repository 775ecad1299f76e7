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
    ['빅팟에서 버블 탈락', ['big-pot', 'bubble', 'elimination']],
    ['헤즈업에서 올인 콜, 러너러너 스트레이트', ['all-in-and-call', 'heads-up', 'runner-runner', 'straight']],
    ['snap calls with the nuts on the final table', ['final-table', 'nuts', 'snap-call']],
    ['쓰리벳 후 씨벳, 턴 체크레이즈', ['3-bet', 'c-bet', 'check-raise', 'turn']],
    ['royal flush beats a straight flush', ['royal-flush', 'straight-flush']],
    ['데이 2에서 칩리더가 더블업', ['chip-lead', 'day-2', 'double-up']],
    ['Day 2 bubble', ['bubble', 'day-2']],
    ['데이 10, 11일차, day 12', []],
    // Bare actions are on nearly every hand: a description does not imply them.
    ['Kim bets, Lee raises, Kim calls and then folds the turn', ['turn']],
    ['콜 하고 체크 후 폴드', []],
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
        { name: 'cooler', category: 'situation' },
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
