import { GoogleApiError } from './google-error';
import { Spreadsheet } from './spreadsheet';

function handLog(): Spreadsheet {
  return new Spreadsheet('sheet-1', {
    title: 'Hand log 2024',
    tabs: [
      {
        name: 'Hand log',
        rows: [
          ['WSOP 2024 hand log'],
          [],
          ['파일명', 'IN', 'OUT', '핸드 번호', '올인', '', null],
          ['a.mp4', '00:01', 12.5, 42, true, null, ''],
          [],
          ['b.mp4', '', 3],
          [null, null],
        ],
      },
      { name: '한글 탭', rows: [['x']] },
    ],
  });
}

function apiError(fn: () => unknown): GoogleApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GoogleApiError) return err;
    throw err;
  }
  throw new Error('expected a GoogleApiError');
}

describe('Spreadsheet values', () => {
  it('trims trailing empty cells and rows, keeps empty rows inside, renders formatted values as strings', () => {
    expect(handLog().values('Hand log', 'FORMATTED_VALUE', 'ROWS')).toEqual({
      range: "'Hand log'!A1:Z1000",
      majorDimension: 'ROWS',
      values: [
        ['WSOP 2024 hand log'],
        [],
        ['파일명', 'IN', 'OUT', '핸드 번호', '올인'],
        ['a.mp4', '00:01', '12.5', '42', 'TRUE'],
        [],
        ['b.mp4', '', '3'],
      ],
    });
  });

  it('keeps numbers and booleans raw with UNFORMATTED_VALUE', () => {
    expect(handLog().values("'Hand log'!A4:E4", 'UNFORMATTED_VALUE', 'ROWS').values).toEqual([
      ['a.mp4', '00:01', 12.5, 42, true],
    ]);
  });

  it('reads a range starting below the title rows, open at the bottom', () => {
    const range = handLog().values("'Hand log'!A3:C", 'FORMATTED_VALUE', 'ROWS');
    expect(range.range).toBe("'Hand log'!A3:C1000");
    expect(range.values).toEqual([['파일명', 'IN', 'OUT'], ['a.mp4', '00:01', '12.5'], [], ['b.mp4', '', '3']]);
  });

  it('reads columns with majorDimension COLUMNS', () => {
    expect(handLog().values("'Hand log'!B3:C6", 'FORMATTED_VALUE', 'COLUMNS').values).toEqual([
      ['IN', '00:01'],
      ['OUT', '12.5', '', '3'],
    ]);
  });

  it('leaves values out of an empty range', () => {
    expect(handLog().values("'Hand log'!H1:J9", 'FORMATTED_VALUE', 'ROWS')).toEqual({
      range: "'Hand log'!H1:J9",
      majorDimension: 'ROWS',
      values: undefined,
    });
    expect('values' in handLog().values("'Hand log'!H1:J9", 'FORMATTED_VALUE', 'ROWS')).toBe(false);
  });

  it('reads a range without a tab from the first tab, and a bare tab name as the whole tab', () => {
    const sheet = handLog();
    expect(sheet.values('A1:B1', 'FORMATTED_VALUE', 'ROWS')).toMatchObject({
      range: "'Hand log'!A1:B1",
      values: [['WSOP 2024 hand log']],
    });
    expect(sheet.values('한글 탭', 'FORMATTED_VALUE', 'ROWS')).toMatchObject({
      range: "'한글 탭'!A1:Z1000",
      values: [['x']],
    });
  });

  it('answers 400 "Unable to parse range" for an unknown tab or bad range', () => {
    for (const range of ['Nope!A1:B2', 'Nope', "'Hand log'!A0"]) {
      const err = apiError(() => handLog().values(range, 'FORMATTED_VALUE', 'ROWS'));
      expect(err.code).toBe(400);
      expect(err.message).toBe(`Unable to parse range: ${range}`);
      expect(err.toBody().error.status).toBe('INVALID_ARGUMENT');
    }
  });

  it('answers 400 for a range past the grid, like Google', () => {
    const err = apiError(() => handLog().values("'Hand log'!A1:AB5", 'FORMATTED_VALUE', 'ROWS'));
    expect(err.code).toBe(400);
    expect(err.message).toBe("Range ('Hand log'!A1:AB5) exceeds grid limits. Max rows: 1000, max columns: 26");
  });
});

describe('Spreadsheet edits', () => {
  it('bumps Drive version and moves modifiedTime forward on every edit', () => {
    const sheet = handLog();
    const seen = [{ version: sheet.version, at: sheet.modifiedTime.getTime() }];
    sheet.setCell('Hand log', 4, 2, '00:02');
    seen.push({ version: sheet.version, at: sheet.modifiedTime.getTime() });
    sheet.insertRows('Hand log', 4, [['new.mp4']]);
    seen.push({ version: sheet.version, at: sheet.modifiedTime.getTime() });
    sheet.deleteRow('Hand log', 4);
    seen.push({ version: sheet.version, at: sheet.modifiedTime.getTime() });
    sheet.setRows('Hand log', [['only']]);
    seen.push({ version: sheet.version, at: sheet.modifiedTime.getTime() });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].version).toBe(seen[i - 1].version + 1);
      expect(seen[i].at).toBeGreaterThan(seen[i - 1].at);
    }
  });

  it('keeps counting versions when a spreadsheet is replaced', () => {
    const first = handLog();
    first.setCell('Hand log', 1, 1, 'x');
    const replaced = new Spreadsheet('sheet-1', { tabs: [{ name: 'Hand log', rows: [] }] }, first);
    expect(replaced.version).toBe(first.version + 1);
    expect(replaced.title).toBe('Hand log 2024');
  });

  it('inserts rows before a row and deletes a row, shifting the rest', () => {
    const sheet = handLog();
    sheet.insertRows('Hand log', 4, [['new.mp4', '00:00:01']]);
    expect(sheet.rows('Hand log').slice(2, 5)).toEqual([
      ['파일명', 'IN', 'OUT', '핸드 번호', '올인', '', null],
      ['new.mp4', '00:00:01'],
      ['a.mp4', '00:01', 12.5, 42, true, null, ''],
    ]);
    expect(sheet.resource()['sheets']).toMatchObject([{ properties: { gridProperties: { rowCount: 1001 } } }, {}]);
    sheet.deleteRow('Hand log', 3);
    expect(sheet.rows('Hand log')[2]).toEqual(['new.mp4', '00:00:01']);
  });

  it('grows a tab when a cell is set beyond its rows and columns', () => {
    const sheet = handLog();
    sheet.setCell('한글 탭', 3, 28, 7);
    expect(sheet.values("'한글 탭'!A1:AB3", 'UNFORMATTED_VALUE', 'ROWS').values).toEqual([
      ['x'],
      [],
      [...Array(27).fill(''), 7],
    ]);
  });

  it('refuses edits to unknown tabs and positions below 1', () => {
    const sheet = handLog();
    expect(() => sheet.setCell('Nope', 1, 1, 'x')).toThrow(/no tab "Nope"/);
    expect(() => sheet.setCell('Hand log', 0, 1, 'x')).toThrow(/1-based/);
  });
});

describe('Spreadsheet resource', () => {
  it('lists tabs with ids, indexes and grid sizes', () => {
    expect(handLog().resource()).toEqual({
      spreadsheetId: 'sheet-1',
      properties: expect.objectContaining({ title: 'Hand log 2024', locale: 'ko_KR', timeZone: 'Asia/Seoul' }),
      sheets: [
        {
          properties: {
            sheetId: 0,
            title: 'Hand log',
            index: 0,
            sheetType: 'GRID',
            gridProperties: { rowCount: 1000, columnCount: 26 },
          },
        },
        {
          properties: {
            sheetId: expect.any(Number),
            title: '한글 탭',
            index: 1,
            sheetType: 'GRID',
            gridProperties: { rowCount: 1000, columnCount: 26 },
          },
        },
      ],
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/sheet-1/edit',
    });
  });

  it('gives grid data for the asked ranges with includeGridData', () => {
    const resource = handLog().resource({ ranges: ["'Hand log'!A4:C4"], includeGridData: true });
    expect(resource['sheets']).toEqual([
      expect.objectContaining({
        data: [
          {
            startRow: 3,
            startColumn: 0,
            rowData: [
              {
                values: [
                  {
                    userEnteredValue: { stringValue: 'a.mp4' },
                    effectiveValue: { stringValue: 'a.mp4' },
                    formattedValue: 'a.mp4',
                  },
                  {
                    userEnteredValue: { stringValue: '00:01' },
                    effectiveValue: { stringValue: '00:01' },
                    formattedValue: '00:01',
                  },
                  {
                    userEnteredValue: { numberValue: 12.5 },
                    effectiveValue: { numberValue: 12.5 },
                    formattedValue: '12.5',
                  },
                ],
              },
            ],
          },
        ],
      }),
    ]);
  });
});
