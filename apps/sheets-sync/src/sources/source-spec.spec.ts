import { parseSourceSpecs } from './source-spec';

const HOME = '/srv/pokervod';

describe('parseSourceSpecs', () => {
  it('reads Google sheets, whole or one tab, and by URL', () => {
    expect(
      parseSourceSpecs(
        'google:1AbC-d_9, google:1AbC-d_9#Day%201 , google:https://docs.google.com/spreadsheets/d/XyZ_123/edit#gid=0',
        HOME,
      ),
    ).toEqual([
      { kind: 'google', id: 'google:1AbC-d_9', spreadsheetId: '1AbC-d_9', tab: null },
      { kind: 'google', id: 'google:1AbC-d_9#Day 1', spreadsheetId: '1AbC-d_9', tab: 'Day 1' },
      { kind: 'google', id: 'google:XyZ_123', spreadsheetId: 'XyZ_123', tab: null },
    ]);
  });

  it('reads CSV and XLSX files; ids are relative to home when the file is inside it', () => {
    expect(parseSourceSpecs('file:samples/hand-log/hand-log.csv,file:/data/logs/#2024/log.XLSX#핸드', HOME)).toEqual([
      {
        kind: 'file',
        id: 'file:samples/hand-log/hand-log.csv',
        path: '/srv/pokervod/samples/hand-log/hand-log.csv',
        format: 'csv',
        tab: null,
      },
      {
        kind: 'file',
        id: 'file:/data/logs/#2024/log.XLSX#핸드',
        path: '/data/logs/#2024/log.XLSX',
        format: 'xlsx',
        tab: '핸드',
      },
    ]);
    expect(parseSourceSpecs('file:/srv/pokervod/samples/x.csv', HOME)[0]?.id).toBe('file:samples/x.csv');
  });

  it.each([
    ['sheets:abc', /expected google:<spreadsheetId>/],
    ['google:', /spreadsheet id/],
    ['google:has space', /spreadsheet id/],
    ['google:abc#', /empty tab name/],
    ['file:log.txt', /must end in \.csv or \.xlsx/],
    ['file:a.csv,file:./a.csv', /listed twice/],
    [' , ', /no source given/],
    ['google:abc#%E0%A4%A', /badly percent-encoded/],
  ])('refuses %j', (text, message) => expect(() => parseSourceSpecs(text, HOME)).toThrow(message));

  it('names every bad entry at once', () => {
    expect(() => parseSourceSpecs('x:1,google:ok,file:y.doc', HOME)).toThrow(/"x:1": .*; "file:y.doc": /);
  });
});
