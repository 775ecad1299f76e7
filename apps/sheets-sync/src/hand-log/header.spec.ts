import { aliasTable, headerKey } from './columns';
import { detectHeader } from './header';

describe('headerKey', () => {
  it.each([
    ['File Name', 'filename'],
    ['file_name', 'filename'],
    [' FILENAME ', 'filename'],
    ['ＩＮ', 'in'],
    ['폴더 링크', '폴더링크'],
    ['Hand #', 'hand'],
    ['#', '#'],
    ['NAS_Folder-Link', 'nasfolderlink'],
  ])('%j → %j', (text, key) => expect(headerKey(text)).toBe(key));
});

describe('alias table', () => {
  const table = aliasTable();

  it.each([
    ['file_name', 'file_name'],
    ['파일명', 'file_name'],
    ['폴더 링크', 'nas_folder_link'],
    ['NAS Folder Link', 'nas_folder_link'],
    ['인', 'in'],
    ['IN', 'in'],
    ['아웃', 'out'],
    ['OUT', 'out'],
    ['태그', 'tags'],
    ['Tags', 'tags'],
    ['플레이어', 'players'],
    ['설명', 'description'],
    ['Hand #', 'hand_no'],
    ['승자', 'winner'],
    ['팟', 'pot'],
    ['메모', 'notes'],
    ['ID', 'id'],
  ])('%j is %s', (header, column) => expect(table.get(headerKey(header))).toBe(column));

  it('takes extra aliases from configuration, and they win over defaults', () => {
    const custom = aliasTable({ file_name: ['영상 제목'], notes: ['Folder'] });
    expect(custom.get(headerKey('영상 제목'))).toBe('file_name');
    expect(custom.get(headerKey('folder'))).toBe('notes');
    expect(custom.get(headerKey('파일명'))).toBe('file_name');
  });
});

describe('detectHeader', () => {
  const aliases = aliasTable();

  it('finds a header on row 1', () => {
    const header = detectHeader([['file_name', 'nas_folder_link', 'in', 'out', 'tags']], aliases);
    expect(header?.rowIndex).toBe(0);
    expect([...header!.columns.entries()]).toEqual([
      [0, 'file_name'],
      [1, 'nas_folder_link'],
      [2, 'in'],
      [3, 'out'],
      [4, 'tags'],
    ]);
  });

  it('finds a Korean header below a title and a blank row, and keeps unknown columns as extra', () => {
    const rows = [['WSOP 2024 핸드 로그'], [], ['파일명', '폴더 링크', '인', '아웃', '태그', '카메라']];
    const header = detectHeader(rows, aliases);
    expect(header?.rowIndex).toBe(2);
    expect(header?.columns.get(2)).toBe('in');
    expect([...header!.extra.entries()]).toEqual([[5, '카메라']]);
  });

  it('needs file name, in and out: a row with two of them is no header', () => {
    expect(detectHeader([['file_name', 'in', 'tags']], aliases)).toBeNull();
    expect(detectHeader([['Summary'], ['total', '42']], aliases)).toBeNull();
  });

  it('looks only within the first N rows', () => {
    const rows = [...Array.from({ length: 5 }, () => ['note']), ['file', 'in', 'out']];
    expect(detectHeader(rows, aliases, 5)).toBeNull();
    expect(detectHeader(rows, aliases, 6)?.rowIndex).toBe(5);
  });

  it('keeps the first of two columns with the same meaning; the second becomes extra', () => {
    const header = detectHeader([['file_name', 'in', 'out', 'Video']], aliases);
    expect(header?.columns.get(0)).toBe('file_name');
    expect(header?.extra.get(3)).toBe('Video');
  });
});
