import { Observed, ObservedClip, ObservedRow, compareSnapshots, compareWithExpected, outcomeSnapshot } from './compare';
import { ExpectedRow, ScenarioExpectation, countOutcomes } from './expected';

const rows: ExpectedRow[] = [
  {
    row: 5,
    outcome: 'clip',
    file: 'WSOP/2023/Day 1/Part 1.mp4',
    rate: '30000/1001',
    in_frame: 30,
    out_frame: 90,
    tags: ['bluff'],
  },
  { row: 6, outcome: 'invalid', file: 'EPT/Day 2/Part 1.mov', reasons: ['past_end'] },
  { row: 7, outcome: 'unmatched', reason: 'not_found' },
  { row: 8, outcome: 'sheet_invalid', kind: 'unreadable_timecode' },
  { row: 9, outcome: 'duplicate', kind: 'exact', duplicate_of: 5 },
];
const expected = { rows, counts: countOutcomes(rows) } as ScenarioExpectation;

function row(n: number, outcome: string, extra: Partial<ObservedRow> = {}): ObservedRow {
  return {
    tab: 't',
    row_number: n,
    row_key: `k${n}`,
    outcome,
    reason: null,
    reasons: [],
    clip_id: null,
    video_file_id: null,
    ...extra,
  };
}

function clip(id: string, extra: Partial<ObservedClip> = {}): ObservedClip {
  return {
    id,
    row_key: null,
    file: 'WSOP/2023/Day 1/Part 1.mp4',
    rate: '30000/1001',
    in_frame: 30,
    out_frame: 90,
    status: 'valid',
    reasons: [],
    tags: ['bluff', 'AK'],
    ...extra,
  };
}

function exactly(): Observed {
  return {
    rows: [
      row(5, 'clip', { clip_id: 'c5' }),
      row(6, 'invalid', { clip_id: 'c6' }),
      row(7, 'unmatched', { reason: 'no file WSOP/x.mp4 under root poker' }),
    ],
    clips: [
      clip('c5', { row_key: 'file:x:k5' }),
      clip('c6', {
        file: 'EPT/Day 2/Part 1.mov',
        status: 'invalid',
        reasons: ['out 00:00:09 is past the end of the video (2.0 s)'],
      }),
    ],
    sheet: {
      invalid: [{ row: 8, reason: 'unparseable in "TBD": unrecognized timecode "TBD"' }],
      duplicates: [{ row: 9, duplicate_of: 5, kind: 'exact' }],
    },
  };
}

describe('compareWithExpected', () => {
  it('finds nothing when every row is as expected (extra derived tags are fine)', () => {
    expect(compareWithExpected(expected, exactly())).toEqual([]);
  });

  it('names a clip at the wrong frames, the wrong rate, on the wrong file, without a tag', () => {
    const seen = exactly();
    seen.clips[0] = clip('c5', { in_frame: 31, rate: '25/1', file: 'WSOP/2023/Day 2/Part 1.mp4', tags: ['AK'] });
    const problems = compareWithExpected(expected, seen).join('\n');
    expect(problems).toMatch(/row 5 .*frames 31–90, expected 30–90/);
    expect(problems).toMatch(/row 5 .*clip at 25\/1 fps/);
    expect(problems).toMatch(/row 5 .*clip on WSOP\/2023\/Day 2\/Part 1.mp4/);
    expect(problems).toMatch(/row 5 .*lack bluff/);
  });

  it('matches file paths in either Unicode form', () => {
    const korean = '메인 이벤트/파트 1.mp4';
    const e = { rows: [{ ...rows[0], file: korean }], counts: countOutcomes(rows) } as ScenarioExpectation;
    const seen: Observed = {
      rows: [row(5, 'clip', { clip_id: 'c5' })],
      clips: [clip('c5', { file: korean.normalize('NFD') })],
      sheet: { invalid: [], duplicates: [] },
    };
    expect(compareWithExpected(e, seen)).toEqual([]);
  });

  it('names a row with another outcome, a pending row with its last error, a lost row', () => {
    const seen = exactly();
    seen.rows[0] = row(5, 'pending', { last_error: 'circuit "block-B" is open' });
    seen.rows.splice(2, 1);
    const problems = compareWithExpected(expected, seen).join('\n');
    expect(problems).toMatch(/row 5 .*outcome pending \(circuit "block-B" is open\)/);
    expect(problems).toMatch(/row 7 .*expected one stored row, found none/);
    expect(problems).toMatch(/clip c5 .*belongs to no expected row/);
  });

  it('names an unmatched row for the wrong reason and invalid reasons of the wrong kind', () => {
    const seen = exactly();
    seen.rows[2] = row(7, 'unmatched', { reason: 'several files are named "Part 1.mp4" under poker' });
    seen.clips[1] = clip('c6', {
      file: 'EPT/Day 2/Part 1.mov',
      status: 'invalid',
      reasons: ['in: frames field 27 is out of range'],
    });
    const problems = compareWithExpected(expected, seen).join('\n');
    expect(problems).toMatch(/row 7 .*unmatched because ambiguous/);
    expect(problems).toMatch(/row 6 .*unreadable_timecode, expected past_end/);
  });

  it('names sheet-level rows that were stored, not reported, or reported when good', () => {
    const seen = exactly();
    seen.rows.push(row(9, 'clip', { row_key: 'k5#2' }));
    seen.sheet.invalid = [{ row: 5, reason: 'missing file name' }];
    seen.sheet.duplicates = [];
    const problems = compareWithExpected(expected, seen).join('\n');
    expect(problems).toMatch(/row 9 .*must not be stored/);
    expect(problems).toMatch(/row 8 .*not in the sheet's invalid rows/);
    expect(problems).toMatch(/row 9 .*not reported as a duplicate of row 5/);
    expect(problems).toMatch(/row 5: reported invalid by the sheet/);
  });

  it('names a second clip for a duplicate row', () => {
    const seen = exactly();
    seen.clips.push(clip('c9'));
    expect(compareWithExpected(expected, seen)).toEqual([
      expect.stringMatching(/clip c9 .*belongs to no expected row/),
    ]);
  });
});

describe('outcome snapshots', () => {
  it('are equal for the same outcome and name what is lost, extra or different', () => {
    const a = outcomeSnapshot(exactly());
    expect(compareSnapshots(a, outcomeSnapshot(exactly()))).toEqual([]);
    const other = exactly();
    other.clips[0] = clip('c5', { out_frame: 91 });
    other.rows = other.rows.filter((r) => r.row_number !== 7);
    other.rows.push(row(9, 'clip', { row_key: 'k9', clip_id: 'c5' }));
    const diff = compareSnapshots(a, outcomeSnapshot(other)).join('\n');
    expect(diff).toMatch(/t\|k5: clip: .* 30-91 .*\(reference: clip: .* 30-90/);
    expect(diff).toMatch(/t\|k7: lost/);
    expect(diff).toMatch(/t\|k9: extra clip/);
  });

  it('cut long lists short with a count', () => {
    const a = new Map(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'clip'] as const));
    expect(compareSnapshots(a, new Map(), 5)).toHaveLength(6);
  });
});
