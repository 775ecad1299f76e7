import { A1ParseError, columnLetters, columnNumber, formatA1, parseA1Range, quoteSheetName } from './a1-range';

describe('parseA1Range', () => {
  it.each([
    ['Hand log', { bareName: 'Hand log', cells: undefined }],
    ["'Hand log'", { sheet: 'Hand log' }],
    [
      "'Tab with spaces'!A1:Z",
      { sheet: 'Tab with spaces', cells: { startRow: 1, startCol: 1, endRow: undefined, endCol: 26 } },
    ],
    ['Tab!A3:F', { sheet: 'Tab', cells: { startRow: 3, startCol: 1, endRow: undefined, endCol: 6 } }],
    ["'한글 탭'!A:Z", { sheet: '한글 탭', cells: { startRow: 1, startCol: 1, endRow: undefined, endCol: 26 } }],
    ['A1:B2', { bareName: 'A1:B2', cells: { startRow: 1, startCol: 1, endRow: 2, endCol: 2 } }],
    ['Tab!B2', { sheet: 'Tab', cells: { startRow: 2, startCol: 2, endRow: 2, endCol: 2 } }],
    ['Tab!2:5', { sheet: 'Tab', cells: { startRow: 2, startCol: 1, endRow: 5, endCol: undefined } }],
    ['Tab!$A$1:$C$3', { sheet: 'Tab', cells: { startRow: 1, startCol: 1, endRow: 3, endCol: 3 } }],
    ['Tab!b2:a1', { sheet: 'Tab', cells: { startRow: 1, startCol: 1, endRow: 2, endCol: 2 } }],
    ['Tab!AA10:AB', { sheet: 'Tab', cells: { startRow: 10, startCol: 27, endRow: undefined, endCol: 28 } }],
    ["'Joe''s hands'!A1:B2", { sheet: "Joe's hands", cells: { startRow: 1, startCol: 1, endRow: 2, endCol: 2 } }],
    ['Hand log!A1:C', { sheet: 'Hand log', cells: { startRow: 1, startCol: 1, endRow: undefined, endCol: 3 } }],
    ["'a!b'!A1", { sheet: 'a!b', cells: { startRow: 1, startCol: 1, endRow: 1, endCol: 1 } }],
  ])('%s', (text, expected) => {
    expect(parseA1Range(text)).toEqual(expected);
  });

  it.each([
    '',
    '!A1',
    'Tab!',
    'Tab!A0',
    'Tab!A1:B2:C3',
    'Tab!A',
    "'unclosed!A1",
    "''!A1",
    "'Tab'A1",
    'Tab!AAAA1',
    'Tab!1A',
  ])('rejects %j with Google’s message', (text) => {
    expect(() => parseA1Range(text)).toThrow(new A1ParseError(text));
    expect(() => parseA1Range(text)).toThrow(`Unable to parse range: ${text}`);
  });

  it('keeps a bare word that is not a cell reference as a possible tab name', () => {
    expect(parseA1Range('WSOP')).toEqual({ bareName: 'WSOP', cells: undefined });
  });
});

describe('columns', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [18278, 'ZZZ'],
  ])('%d ↔ %s', (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
    expect(columnNumber(letters.toLowerCase())).toBe(n);
  });
});

describe('formatA1 / quoteSheetName', () => {
  it.each([
    ['Sheet1', 'Sheet1'],
    ['WSOP', 'WSOP'],
    ['Hand log', "'Hand log'"],
    ['한글 탭', "'한글 탭'"],
    ['핸드로그', "'핸드로그'"],
    ["Joe's", "'Joe''s'"],
    ['A1', "'A1'"],
    ['R1C1', "'R1C1'"],
    ['2024', "'2024'"],
  ])('%s → %s', (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });

  it('writes a closed box, or one cell', () => {
    expect(formatA1('Hand log', { startRow: 1, startCol: 1, endRow: 1000, endCol: 26 })).toBe("'Hand log'!A1:Z1000");
    expect(formatA1('Tab', { startRow: 3, startCol: 2, endRow: 3, endCol: 2 })).toBe('Tab!B3');
    expect(formatA1('Tab', { startRow: 1, startCol: 1, endRow: 5, endCol: 1 }, { quote: 'always' })).toBe(
      "'Tab'!A1:A5",
    );
  });
});
