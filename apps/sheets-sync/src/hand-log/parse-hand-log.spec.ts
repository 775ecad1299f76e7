import { FRAME_RATE_29_97 } from '@pokervod/timecode';
import { aliasTable } from './columns';
import { HIGH_FRAME_RATE } from './validate';
import { RawTab, parseHandLog } from './parse-hand-log';

const options = { aliases: aliasTable(), rates: [FRAME_RATE_29_97, HIGH_FRAME_RATE] };
const HEADER = ['file_name', 'nas_folder_link', 'in', 'out', 'tags'];
const tab = (name: string, rows: string[][]): RawTab => ({ name, rows, firstRow: 1 });

describe('parseHandLog', () => {
  it('reads rows under a header on row 3 with sheet row numbers', () => {
    const parsed = parseHandLog(
      [
        tab('Day 1', [
          ['Hand log'],
          [],
          ['파일명', '폴더 링크', '인', '아웃', '태그'],
          ['a.mp4', '/wsop', '00:01:00', '00:02:00', 'bluff'],
          [],
          ['b.mp4', '/wsop', '00:03:00', '00:04:00', ''],
        ]),
      ],
      options,
    );
    expect(parsed.rows.map((r) => [r.key, r.tab, r.rowNumber])).toEqual([
      ['a.mp4@00:01:00.000', 'Day 1', 4],
      ['b.mp4@00:03:00.000', 'Day 1', 6],
    ]);
    expect(parsed.rowsRead).toBe(2);
    expect(parsed.invalid).toEqual([]);
  });

  it('counts row numbers from the first row the source returned', () => {
    const parsed = parseHandLog(
      [{ name: 'T', firstRow: 5, rows: [HEADER, ['a.mp4', '', '1:00', '2:00', '']] }],
      options,
    );
    expect(parsed.rows[0]?.rowNumber).toBe(6);
  });

  it('reports bad rows with tab, row number and reason, and lets good rows through', () => {
    const parsed = parseHandLog(
      [
        tab('T', [
          HEADER,
          ['', '/x', '00:01:00', '00:02:00', ''],
          ['a.mp4', '/x', 'soon', '00:02:00', ''],
          ['b.mp4', '/x', '00:05:00', '00:04:00', ''],
          ['c.mp4', '/x', '00:05:00', '00:06:00', ''],
        ]),
      ],
      options,
    );
    expect(parsed.invalid).toEqual([
      { tab: 'T', row: 2, reason: 'missing file name' },
      { tab: 'T', row: 3, reason: expect.stringMatching(/^unparseable in "soon"/) },
      { tab: 'T', row: 4, reason: 'out (00:04:00) is not after in (00:05:00)' },
    ]);
    expect(parsed.rows.map((r) => r.row.file_name)).toEqual(['c.mp4']);
    expect(parsed.rowsRead).toBe(4);
    // b.mp4's in-point is readable: its stored version is protected; a.mp4's is not knowable by key.
    expect([...parsed.protectedKeys]).toEqual(['b.mp4@00:05:00.000']);
    expect(parsed.invalidPositions).toEqual([
      { tab: 'T', row: 2 },
      { tab: 'T', row: 3 },
      { tab: 'T', row: 4 },
    ]);
  });

  it('numbers duplicates across tabs in sheet order and keys by id when there is one', () => {
    const parsed = parseHandLog(
      [
        tab('A', [HEADER, ['x.mp4', '', '1:00', '2:00', ''], ['X.mp4', '', '00:01:00', '3:00', '']]),
        tab('B', [
          ['id', ...HEADER],
          ['', 'x.mp4', '', '60', '120', ''],
          ['h-9', 'x.mp4', '', '60', '120', 'bluff'],
        ]),
      ],
      options,
    );
    expect(parsed.rows.map((r) => r.key)).toEqual([
      'x.mp4@00:01:00.000',
      'x.mp4@00:01:00.000#2',
      'x.mp4@00:01:00.000#3',
      'id:h-9',
    ]);
    expect(parsed.duplicates).toEqual([]);
  });

  it('leaves exact copies and ID conflicts out, reports them, and numbers only the rows kept', () => {
    const original = ['H-1', 'x.mp4', '', '1:00', '2:00', 'bluff'];
    const parsed = parseHandLog(
      [
        tab('T', [
          ['id', ...HEADER],
          original,
          original, // pasted twice
          ['', 'x.mp4', '', '1:00', '2:00', 'bluff'], // the same hand without its ID
          ['H-1', 'x.mp4', '', '1:00', '2:30', 'bluff'], // the ID again on another hand
          ['', 'x.mp4', '', '1:00', '2:00', 'cooler'], // same file and in, another hand
          ['', 'x.mp4', '', '1:00', '2:00', 'cooler'],
        ]),
      ],
      options,
    );
    expect(parsed.rows.map((r) => [r.rowNumber, r.key])).toEqual([
      [2, 'id:H-1'],
      [6, 'x.mp4@00:01:00.000'],
    ]);
    expect(parsed.duplicates.map((d) => [d.row, d.kind, d.duplicate_of])).toEqual([
      [3, 'exact', 2],
      [4, 'exact', 2],
      [5, 'id_conflict', 2],
      [7, 'exact', 6],
    ]);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.rowsRead).toBe(6);
  });

  // Anywhere below its original; above it, the copy would take the original's place among rows sharing a key.
  it('a copy pasted below its original changes no key or hash of the rows kept', () => {
    const rows = [
      ['a.mp4', '', '1:00', '2:00', ''],
      ['a.mp4', '', '1:00', '2:00', 'cooler'],
      ['b.mp4', '', '3:00', '4:00', ''],
    ];
    const before = parseHandLog([tab('T', [HEADER, ...rows])], options);
    const keyHash = (p: typeof before) => p.rows.map((r) => [r.key, r.hash]);
    for (const [i, copied] of rows.entries()) {
      for (let at = i + 1; at <= rows.length; at++) {
        const pasted = [...rows.slice(0, at), copied, ...rows.slice(at)];
        const after = parseHandLog([tab('T', [HEADER, ...pasted])], options);
        expect(new Set(keyHash(after).map(String))).toEqual(new Set(keyHash(before).map(String)));
        expect(after.duplicates).toHaveLength(1);
      }
    }
  });

  it('lists tabs without a header and reads none of their rows', () => {
    const parsed = parseHandLog([tab('Notes', [['just', 'notes']]), tab('T', [HEADER])], options);
    expect(parsed.headerless).toEqual(['Notes']);
    expect(parsed.rowsRead).toBe(0);
  });

  it('keys do not move when rows are inserted above or sorted', () => {
    const rows = [
      ['a.mp4', '', '1:00', '2:00', ''],
      ['b.mp4', '', '3:00', '4:00', ''],
    ];
    const before = parseHandLog([tab('T', [HEADER, ...rows])], options);
    const after = parseHandLog([tab('T', [HEADER, ['new.mp4', '', '1:00', '2:00', ''], rows[1]!, rows[0]!])], options);
    const keyHash = (p: typeof before) => new Map(p.rows.map((r) => [r.key, r.hash]));
    for (const [key, hash] of keyHash(before)) expect(keyHash(after).get(key)).toBe(hash);
  });
});
