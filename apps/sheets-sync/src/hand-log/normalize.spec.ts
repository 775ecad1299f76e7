import { aliasTable } from './columns';
import { detectHeader } from './header';
import { cellText, splitTags, toSheetRow } from './normalize';

describe('splitTags', () => {
  it.each([
    ['bluff, hero call', ['bluff', 'hero call']],
    ['bluff/hero call', ['bluff', 'hero call']],
    ['#bluff #hero call', ['bluff', 'hero call']],
    ['bluff\nhero call', ['bluff', 'hero call']],
    ['bluff\r\nhero call\r\n', ['bluff', 'hero call']],
    [' bluff ;  hero   call | cooler ', ['bluff', 'hero call', 'cooler']],
    ['블러프、 히어로콜', ['블러프', '히어로콜']],
    ['bluff，hero call', ['bluff', 'hero call']],
    ['Bluff, bluff, BLUFF, cooler', ['Bluff', 'cooler']],
    ['', []],
    [' , / # ', []],
  ])('%j → %j', (text, tags) => expect(splitTags(text)).toEqual(tags));
});

describe('cellText', () => {
  it('applies NFKC, trims and unifies line ends', () => {
    expect(cellText('  ＷＳＯＰ　２０２４ ')).toBe('WSOP 2024');
    expect(cellText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(cellText(undefined)).toBe('');
    // Decomposed Hangul (a macOS file name) becomes composed.
    expect(cellText('\u1112\u1161\u11ab')).toBe('한');
  });
});

describe('toSheetRow', () => {
  const header = detectHeader(
    [['파일명', '폴더 링크', '인', '아웃', '태그', '플레이어', 'ID', '카메라']],
    aliasTable(),
  )!;

  it('maps cells by header, optional columns null when empty, extra columns kept', () => {
    const row = toSheetRow(
      ['a.mp4', '\\\\nas\\wsop', '00:01:00', '00:02:00', 'bluff/cooler', '', ' 17 ', 'cam B'],
      header,
    );
    expect(row).toEqual({
      file_name: 'a.mp4',
      nas_folder_link: '\\\\nas\\wsop',
      in: '00:01:00',
      out: '00:02:00',
      tags: ['bluff', 'cooler'],
      hand_no: null,
      players: null,
      description: null,
      winner: null,
      pot: null,
      notes: null,
      id: '17',
      extra: { 카메라: 'cam B' },
    });
  });

  it('pads short rows', () => {
    expect(toSheetRow(['a.mp4', '', '1:00'], header)).toMatchObject({ in: '1:00', out: '', tags: [] });
  });

  it('skips blank rows, rows with only extra cells, and a repeated header', () => {
    expect(toSheetRow([], header)).toBeNull();
    expect(toSheetRow(['', ' ', '', '', '', '', '', ''], header)).toBeNull();
    expect(toSheetRow(['', '', '', '', '', '', '', 'cam A'], header)).toBeNull();
    expect(toSheetRow(['파일명', '폴더 링크', '인', '아웃', '태그'], header)).toBeNull();
  });
});
