import { FieldMaskError, applyFieldMask, parseFieldMask } from './field-mask';

const spreadsheet = {
  spreadsheetId: 'abc',
  properties: { title: 'Hand log', locale: 'ko_KR' },
  sheets: [
    { properties: { sheetId: 0, title: 'WSOP', gridProperties: { rowCount: 1000 } } },
    { properties: { sheetId: 7, title: 'Others', gridProperties: { rowCount: 50 } } },
  ],
};

describe('field masks', () => {
  it('selects top-level fields', () => {
    expect(applyFieldMask({ id: '1', name: 'n', version: '3' }, parseFieldMask('id,version'))).toEqual({
      id: '1',
      version: '3',
    });
  });

  it('follows dotted and slashed paths through arrays', () => {
    const expected = { sheets: [{ properties: { title: 'WSOP' } }, { properties: { title: 'Others' } }] };
    expect(applyFieldMask(spreadsheet, parseFieldMask('sheets.properties.title'))).toEqual(expected);
    expect(applyFieldMask(spreadsheet, parseFieldMask('sheets/properties/title'))).toEqual(expected);
  });

  it('reads parenthesised sub-selections and merges overlapping paths', () => {
    const tree = parseFieldMask('properties.title,sheets(properties(sheetId,title)),sheets.properties.gridProperties');
    expect(applyFieldMask(spreadsheet, tree)).toEqual({
      properties: { title: 'Hand log' },
      sheets: [
        { properties: { sheetId: 0, title: 'WSOP', gridProperties: { rowCount: 1000 } } },
        { properties: { sheetId: 7, title: 'Others', gridProperties: { rowCount: 50 } } },
      ],
    });
  });

  it('treats * as everything and ignores unknown names', () => {
    expect(applyFieldMask(spreadsheet, parseFieldMask('*'))).toEqual(spreadsheet);
    expect(applyFieldMask(spreadsheet, parseFieldMask('nope,spreadsheetId'))).toEqual({ spreadsheetId: 'abc' });
  });

  it.each(['sheets(', 'a,,b', '(a)', 'a.', 'a)'])('rejects %j', (mask) => {
    expect(() => parseFieldMask(mask)).toThrow(FieldMaskError);
  });
});
