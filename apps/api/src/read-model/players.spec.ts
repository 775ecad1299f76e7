import { playerKey, splitPlayers, tagKey } from './players';

describe('splitPlayers', () => {
  it.each([
    ['Phil Ivey vs Tom Dwan', ['Phil Ivey', 'Tom Dwan']],
    ['Phil Ivey VS. Tom Dwan', ['Phil Ivey', 'Tom Dwan']],
    ['필 아이비, 톰 드완', ['필 아이비', '톰 드완']],
    ['A / B & C', ['A', 'B', 'C']],
    ['Daniel Negreanu and Phil Hellmuth', ['Daniel Negreanu', 'Phil Hellmuth']],
    ['필 아이비 대 톰 드완', ['필 아이비', '톰 드완']],
    ['  Ivey  ,  ivey , IVEY ', ['Ivey']],
    ['Ｐｈｉｌ Ivey', ['Phil Ivey']],
  ])('%s → %j', (text, names) => {
    expect(splitPlayers(text)).toEqual(names);
  });

  it('gives nothing for an empty cell', () => {
    expect(splitPlayers(null)).toEqual([]);
    expect(splitPlayers('  ')).toEqual([]);
  });

  it('keeps a name that merely contains a separator word', () => {
    expect(splitPlayers('Vanessa Selbst vs Randy')).toEqual(['Vanessa Selbst', 'Randy']);
  });
});

describe('keys', () => {
  it('compare names and tags ignoring case, width and spacing', () => {
    expect(playerKey('  Phil   IVEY ')).toBe('phil ivey');
    expect(playerKey('필  아이비')).toBe('필 아이비');
    expect(tagKey('ＢＬＵＦＦ')).toBe('bluff');
  });
});
