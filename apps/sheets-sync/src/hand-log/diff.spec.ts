import { SheetRowSchema } from '@pokervod/contracts';
import { StoredRow, diffRows } from './diff';
import type { KeyedRow } from './parse-hand-log';

const current = (key: string, hash: string, tab = 'T', rowNumber = 2): KeyedRow => ({
  key,
  hash,
  tab,
  rowNumber,
  row: SheetRowSchema.parse({ file_name: key, nas_folder_link: '', in: '1', out: '2' }),
});
const stored = (key: string, hash: string, tab = 'T', rowNumber = 2): StoredRow => ({ key, hash, tab, rowNumber });

describe('diffRows', () => {
  it('tells added, changed, moved, unchanged and removed rows apart', () => {
    const diff = diffRows(
      [stored('same', 'h1'), stored('edited', 'h2'), stored('shifted', 'h3', 'T', 3), stored('gone', 'h4')],
      [current('same', 'h1'), current('edited', 'h2b'), current('shifted', 'h3', 'T', 4), current('new', 'h5')],
    );
    expect(diff.added.map((r) => r.key)).toEqual(['new']);
    expect(diff.changed.map((r) => r.key)).toEqual(['edited']);
    expect(diff.moved.map((r) => r.key)).toEqual(['shifted']);
    expect(diff.removed.map((r) => r.key)).toEqual(['gone']);
    expect(diff.unchanged).toBe(1);
  });

  it('an unchanged sheet is all unchanged', () => {
    const rows = [current('a', '1'), current('b', '2', 'U', 7)];
    const diff = diffRows(
      rows.map((r) => stored(r.key, r.hash, r.tab, r.rowNumber)),
      rows,
    );
    expect(diff).toEqual({ added: [], changed: [], moved: [], removed: [], unchanged: 2 });
  });

  it('a row moved to another tab is a move, not a removal and an addition', () => {
    const diff = diffRows([stored('a', '1', 'Day 1')], [current('a', '1', 'Day 2')]);
    expect(diff.moved.map((r) => r.tab)).toEqual(['Day 2']);
    expect(diff.removed).toEqual([]);
  });

  it('keeps the rows of unread tabs, protected keys and rows where an invalid row now sits', () => {
    const diff = diffRows(
      [stored('a', '1', 'Unread'), stored('b', '2'), stored('c', '3', 'T', 9), stored('d', '4')],
      [],
      { unreadTabs: new Set(['Unread']), protectedKeys: new Set(['b']), invalidPositions: [{ tab: 'T', row: 9 }] },
    );
    expect(diff.removed.map((r) => r.key)).toEqual(['d']);
  });
});
