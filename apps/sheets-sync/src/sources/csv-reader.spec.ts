import { readCsv } from './csv-reader';
import { decodeText, detectDelimiter } from './text-decoding';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('is one tab named after the file, one record per sheet row (quoted cells may span lines)', () => {
    const tab = readCsv(utf8('\uFEFFfile_name,tags\n\n"a.mp4","bluff\ncooler"\nb.mp4,x\n'), '/x/hand-log.csv');
    expect(tab).toEqual({
      name: 'hand-log',
      firstRow: 1,
      rows: [['file_name', 'tags'], [''], ['a.mp4', 'bluff\ncooler'], ['b.mp4', 'x']],
    });
  });

  it('reads tab- and semicolon-separated exports too', () => {
    expect(readCsv(utf8('a\tb\n1\t2\n'), 'x.csv').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(readCsv(utf8('a;b\n"1,5";2\n'), 'x.csv').rows).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with or without BOM, UTF-16 with BOM, and EUC-KR when the bytes are not UTF-8', () => {
    expect(decodeText(utf8('\uFEFF파일명'))).toBe('파일명');
    expect(decodeText(utf8('파일명'))).toBe('파일명');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x0c, 0xd3, 0x7c, 0xc7]))).toBe('파일');
    expect(decodeText(new Uint8Array([0xc6, 0xc4, 0xc0, 0xcf, 0xb8, 0xed]))).toBe('파일명');
  });

  it('picks the most frequent delimiter outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('"a,b,c";d;e\n1;2;3')).toBe(';');
    expect(detectDelimiter('plain')).toBe(',');
  });
});
