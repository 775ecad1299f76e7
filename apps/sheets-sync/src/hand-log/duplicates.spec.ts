import { SheetRowSchema } from '@pokervod/contracts';
import { PlacedRow, findDuplicates } from './duplicates';

/** A hand on a.mp4 from 1:00 to 2:00; `fields` change it. */
const hand = (fields: Record<string, unknown> = {}) =>
  SheetRowSchema.parse({ file_name: 'a.mp4', nas_folder_link: '/wsop', in: '1:00', out: '2:00', ...fields });
const at = (rowNumber: number, fields: Record<string, unknown> = {}, tab = 'T'): PlacedRow => ({
  tab,
  rowNumber,
  row: hand(fields),
});

/** kept: the row numbers stored; duplicates: [row, kind, duplicate_of, id] in sheet order. */
type Case = [string, PlacedRow[], number[], [number, 'exact' | 'id_conflict', number, string | null][]];

const cases: Case[] = [
  ['no duplicates', [at(2), at(3, { in: '3:00', out: '4:00' })], [2, 3], []],
  ['an exact copy on the next line, no ID column', [at(2), at(3)], [2], [[3, 'exact', 2, null]]],
  ['an exact copy with the same ID', [at(2, { id: 'H-1' }), at(3, { id: 'H-1' })], [2], [[3, 'exact', 2, 'H-1']]],
  [
    'three copies: both later ones name the first',
    [at(2), at(5), at(9)],
    [2],
    [
      [5, 'exact', 2, null],
      [9, 'exact', 2, null],
    ],
  ],
  ['a copy that lost its ID: the row with the ID is kept', [at(2, { id: 'H-1' }), at(3)], [2], [[3, 'exact', 2, null]]],
  [
    'a copy that gained an ID above the original: the row with the ID is kept',
    [at(2), at(3, { id: 'H-1' })],
    [3],
    [[2, 'exact', 3, null]],
  ],
  [
    'a copy given another ID is still the same hand',
    [at(2, { id: 'H-1' }), at(3, { id: 'H-2' })],
    [2],
    [[3, 'exact', 2, 'H-2']],
  ],
  [
    'tags in another order or case are the same hand',
    [at(2, { tags: ['Bluff', 'river'] }), at(3, { tags: ['river', 'bluff'] })],
    [2],
    [[3, 'exact', 2, null]],
  ],
  [
    'an extra column (ignored) does not make it another hand',
    [at(2, { extra: { cam: 'A' } }), at(3, { extra: { cam: 'B' } })],
    [2],
    [[3, 'exact', 2, null]],
  ],
  ['a copy in another tab', [at(2, {}, 'Day 1'), at(2, {}, 'Day 2')], [2], [[2, 'exact', 2, null]]],
  ['same file and in, another out: not a duplicate', [at(2), at(3, { out: '2:30' })], [2, 3], []],
  ['same file and in, other tags: not a duplicate', [at(2), at(3, { tags: ['cooler'] })], [2, 3], []],
  ['same file and in, another player: not a duplicate', [at(2), at(3, { players: 'Kim vs Lee' })], [2, 3], []],
  ['same file and in, another folder: not a duplicate', [at(2), at(3, { nas_folder_link: '/ept' })], [2, 3], []],
  [
    'one ID, another hand: the first in sheet order wins',
    [at(2, { id: 'H-1' }), at(3, { id: 'H-1', out: '2:30' })],
    [2],
    [[3, 'id_conflict', 2, 'H-1']],
  ],
  [
    'one ID three times: a copy of the winner is exact, the other hand a conflict',
    [at(2, { id: 'H-1' }), at(3, { id: 'H-1', tags: ['cooler'] }), at(4, { id: 'H-1' })],
    [2],
    [
      [3, 'id_conflict', 2, 'H-1'],
      [4, 'exact', 2, 'H-1'],
    ],
  ],
  [
    'a row without an ID repeating a conflicting hand is kept: that hand is not stored otherwise',
    [at(2, { id: 'H-1' }), at(3, { id: 'H-1', out: '2:30' }), at(4, { out: '2:30' })],
    [2, 4],
    [[3, 'id_conflict', 2, 'H-1']],
  ],
  [
    'an ID left unused by an exact copy stays free for another hand',
    [at(2, { id: 'H-1' }), at(3, { id: 'H-2' }), at(4, { id: 'H-2', out: '2:30' })],
    [2, 4],
    [[3, 'exact', 2, 'H-2']],
  ],
];

describe('findDuplicates', () => {
  it.each(cases)('%s', (_name, rows, kept, duplicates) => {
    const check = findDuplicates(rows);
    expect(check.kept.map((r) => r.rowNumber)).toEqual(kept);
    expect(check.kept.every((r) => rows.includes(r))).toBe(true);
    expect(check.duplicates.map((d) => [d.row, d.kind, d.duplicate_of, d.id])).toEqual(duplicates);
  });

  it('names both rows in the reason, with their tabs when they differ', () => {
    const { duplicates } = findDuplicates([
      at(12),
      at(13),
      at(14, { id: 'H-7' }, 'Day 2'),
      at(15, { id: 'H-7', out: '9:00' }, 'Day 2'),
      at(3, {}, 'Day 3'),
    ]);
    expect(duplicates).toEqual([
      // row 12 has no ID, row 14 has: row 14 is kept.
      {
        tab: 'T',
        row: 12,
        duplicate_of: 14,
        kind: 'exact',
        id: null,
        reason: 'row 12 of "T" is an exact duplicate of row 14 of "Day 2"; only row 14 of "Day 2" is used',
      },
      {
        tab: 'T',
        row: 13,
        duplicate_of: 14,
        kind: 'exact',
        id: null,
        reason: 'row 13 of "T" is an exact duplicate of row 14 of "Day 2"; only row 14 of "Day 2" is used',
      },
      {
        tab: 'Day 2',
        row: 15,
        duplicate_of: 14,
        kind: 'id_conflict',
        id: 'H-7',
        reason:
          'row 15 has the ID "H-7" of row 14 but a different hand; row 14 (first in sheet order) is used, row 15 is not',
      },
      {
        tab: 'Day 3',
        row: 3,
        duplicate_of: 14,
        kind: 'exact',
        id: null,
        reason: 'row 3 of "Day 3" is an exact duplicate of row 14 of "Day 2"; only row 14 of "Day 2" is used',
      },
    ]);
    expect(findDuplicates([at(12), at(13)]).duplicates[0]?.reason).toBe(
      'row 13 is an exact duplicate of row 12; only row 12 is used',
    );
  });

  it('keeps the same row whichever copy comes first (sorting changes no key)', () => {
    const named = at(2, { id: 'H-1' });
    const unnamed = at(3);
    expect(findDuplicates([named, unnamed]).kept).toEqual([named]);
    expect(findDuplicates([unnamed, named]).kept).toEqual([named]);
  });
});
