import { cleanSheetValue, parseLocation, pathKey, percentDecode } from './location';

describe('cleanSheetValue', () => {
  it.each([
    ['  x  ', 'x'],
    ['"x"', 'x'],
    ["'x'", 'x'],
    ['` x `', 'x'],
    ['\u201cx\u201d', 'x'],
    ['\u2018x\u2019', 'x'],
    ['\u00abx\u00bb', 'x'],
    ['\u300cx\u300d', 'x'],
    ['<x>', 'x'],
    [' " \'x\' " ', 'x'],
    ['\ufeff\u200bx\u00a0', 'x'],
    ['"x', '"x'],
    ['x"', 'x"'],
    ['"a" and "b"', 'a" and "b'],
    ['"', '"'],
    ['""', ''],
    ['a b', 'a b'],
  ])('%j → %j', (input, expected) => {
    expect(cleanSheetValue(input)).toBe(expected);
  });
});

describe('percentDecode', () => {
  it.each([
    ['a%20b', 'a b'],
    ['%EB%A9%94%EC%9D%B8', '메인'],
    ['%2e%2E', '..'],
    ['100%', '100%'],
    ['%zz', '%zz'],
    ['%ff%fe', '%ff%fe'],
    ['%41%ff', '%41%ff'],
  ])('%j → %j', (input, expected) => {
    expect(percentDecode(input)).toBe(expected);
  });
});

describe('pathKey', () => {
  it('is NFC and lower case', () => {
    expect(pathKey('WSOP/메인이벤트'.normalize('NFD'))).toBe('wsop/메인이벤트'.normalize('NFC'));
    expect(pathKey('Caf\u0065\u0301')).toBe('caf\u00e9');
  });
});

describe('parseLocation', () => {
  it.each([
    ['/a/b', { kind: 'posix', anchor: '', segments: ['a', 'b'] }],
    ['a/./b/../c', { kind: 'relative', anchor: '', segments: ['a', 'b', '..', 'c'] }],
    [
      '\\\\Host\\Share\\a',
      { kind: 'unc', anchor: 'host', segments: ['Share', 'a'], posixSegments: ['Host', 'Share', 'a'] },
    ],
    ['smb://u:p@Host:445/Share/a%20b', { kind: 'unc', anchor: 'host', segments: ['Share', 'a b'] }],
    ['smb://host', { kind: 'unc', anchor: 'host', segments: [] }],
    ['file://Host/Share/a', { kind: 'unc', anchor: 'host', segments: ['Share', 'a'] }],
    ['file:///a/b', { kind: 'posix', anchor: '', segments: ['a', 'b'] }],
    ['file:///C:/a', { kind: 'drive', anchor: 'c:', segments: ['a'] }],
    ['file:C:/a', { kind: 'drive', anchor: 'c:', segments: ['a'] }],
    ['Z:\\a\\b', { kind: 'drive', anchor: 'z:', segments: ['a', 'b'] }],
    ['\\\\?\\unc\\host\\share', { kind: 'unc', anchor: 'host', segments: ['share'], posixSegments: ['host', 'share'] }],
    ['ab:c/d', { kind: 'relative', anchor: '', segments: ['ab:c', 'd'] }],
  ])('%j', (input, expected) => {
    expect(parseLocation(input)).toEqual(expected);
  });
});
