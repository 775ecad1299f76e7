import ExcelJS from 'exceljs';
import { readXlsx, xlsxCellText } from './xlsx-reader';

const cell = (value: unknown, numFmt?: string) =>
  xlsxCellText({ value: value as ExcelJS.CellValue, numFmt: numFmt as string });
const serial = (h: number, m: number, s: number, ms = 0) => (h * 3600 + m * 60 + s + ms / 1000) / 86400;

describe('xlsxCellText', () => {
  it.each([
    [null, undefined, ''],
    ['a.mp4', undefined, 'a.mp4'],
    [42, undefined, '42'],
    [42.5, 'General', '42.5'],
    [1234567, '#,##0', '1,234,567'],
    [1234.5, '"$"#,##0.00', '$1,234.50'],
    [0.25, '0%', '25%'],
    [true, undefined, 'TRUE'],
    [{ richText: [{ text: 'blu' }, { text: 'ff' }] }, undefined, 'bluff'],
    [{ text: 'link', hyperlink: 'smb://nas/x' }, undefined, 'link'],
    [{ formula: 'A1&B1', result: 'ab' }, undefined, 'ab'],
    [{ formula: 'NA()', result: { error: '#N/A' } }, undefined, '#N/A'],
    [serial(0, 12, 34), 'hh:mm:ss', '00:12:34'],
    [serial(1, 2, 3), 'h:mm:ss', '1:02:03'],
    [serial(0, 12, 34, 500), 'hh:mm:ss.000', '00:12:34.500'],
    [serial(0, 12, 34), 'mm:ss', '12:34'],
    [serial(26, 0, 1), '[h]:mm:ss', '26:00:01'],
    [new Date(Date.UTC(1899, 11, 30, 0, 12, 34)), 'hh:mm:ss', '00:12:34'],
    [new Date(Date.UTC(2024, 6, 1)), 'yyyy-mm-dd', '2024-07-01'],
  ])('%j with %j → %j', (value, numFmt, text) => expect(cell(value, numFmt)).toBe(text));

  it('leaves the non-top-left cells of a merged range empty', () => {
    const master = { value: 'x', numFmt: '' };
    expect(xlsxCellText({ value: 'x', numFmt: '', isMerged: true, master })).toBe('');
    expect(xlsxCellText(Object.assign(master, { isMerged: true, master }))).toBe('x');
  });
});

describe('readXlsx', () => {
  it('reads every worksheet in order, or only the named one', async () => {
    const workbook = new ExcelJS.Workbook();
    const a = workbook.addWorksheet('Day 1');
    a.addRow(['file_name', 'in', 'out']);
    a.addRow([]);
    a.addRow(['a.mp4', '00:01:00', '00:02:00']);
    workbook.addWorksheet('Day 2').addRow(['x']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const all = await readXlsx(bytes, null);
    expect(all.tabs.map((t) => t.name)).toEqual(['Day 1', 'Day 2']);
    expect(all.tabs[0]?.rows).toEqual([['file_name', 'in', 'out'], [], ['a.mp4', '00:01:00', '00:02:00']]);
    expect((await readXlsx(bytes, 'Day 2')).tabs.map((t) => t.name)).toEqual(['Day 2']);
    expect((await readXlsx(bytes, 'Nope')).missing).toBe('Nope');
  });
});
