import { SheetRowSchema } from '@pokervod/contracts';
import { baseRowKey, contentHash, disambiguate } from './row-key';

const row = (fields: Record<string, unknown> = {}) =>
  SheetRowSchema.parse({ file_name: 'WSOP_Day1.mp4', nas_folder_link: '', in: '1:00', out: '2:00', ...fields });

describe('row keys', () => {
  it('uses the id column when present', () => {
    expect(baseRowKey(row({ id: 'H-17' }), '00:01:00.000')).toBe('id:H-17');
  });

  it('otherwise file name in lower case and the in-point', () => {
    expect(baseRowKey(row(), '00:01:00.000')).toBe('wsop_day1.mp4@00:01:00.000');
  });

  it('numbers true duplicates in sheet order', () => {
    expect(disambiguate(['a@1', 'b@1', 'a@1', 'a@1', 'b@1'])).toEqual(['a@1', 'b@1', 'a@1#2', 'a@1#3', 'b@1#2']);
  });
});

describe('contentHash', () => {
  it('is stable, and changes with any hand field', () => {
    expect(contentHash(row())).toBe(contentHash(row()));
    expect(contentHash(row())).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [{ out: '2:01' }, { tags: ['bluff'] }, { players: 'A vs B' }, { nas_folder_link: 'x' }]) {
      expect(contentHash(row(change))).not.toBe(contentHash(row()));
    }
  });

  it('ignores extra columns and the order of tags', () => {
    expect(contentHash(row({ extra: { camera: 'B' } }))).toBe(contentHash(row()));
    expect(contentHash(row({ tags: ['a', 'B'] }))).toBe(contentHash(row({ tags: ['b', 'A'] })));
  });
});
