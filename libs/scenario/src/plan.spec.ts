import { FrameRate, parseFrameRate } from '@pokervod/timecode';
import type { ExpectedClip, ExpectedDuplicate, ExpectedRow } from './expected';
import { LINK_FORMS } from './links';
import { CONTAINERS, RATE_NAMES } from './media';
import { LARGE, planScenario } from './plan';
import { BAD_ROW_MIX, HEADER, HEADER_ROW } from './sheet-plan';
import { END_MARGIN_S, TIMECODE_FORMS } from './timecodes';

const plan = planScenario();
const { videos, housekeeping } = plan.nas;
const rows = plan.expected.rows;
const cellsOf = (row: number) => plan.sheet.cells[row - 1]!;
const clips = rows.filter((r): r is ExpectedClip => r.outcome === 'clip');

describe('planScenario (the realistic scenario)', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const again = planScenario();
    expect(JSON.stringify(again.expected)).toBe(JSON.stringify(plan.expected));
    expect(again.sheet.cells).toEqual(plan.sheet.cells);
    expect(again.nas).toEqual(plan.nas);
    const other = planScenario({ seed: 7 });
    expect(other.sheet.cells).not.toEqual(plan.sheet.cells);
    expect(other.nas.videos.map((v) => v.path)).not.toEqual(videos.map((v) => v.path));
  });

  it('puts at least 100 rendered videos of several brands on the NAS, every rate with every container', () => {
    expect(videos.length).toBeGreaterThanOrEqual(100);
    expect(videos.every((v) => v.source.kind === 'render')).toBe(true);
    const brands = new Set(videos.map((v) => v.brand));
    for (const brand of ['WSOP', 'WPT', 'EPT', 'Triton', 'Hustler Casino Live', 'High Stakes Poker', 'APT']) {
      expect(brands).toContain(brand);
    }
    const pairs = new Set(videos.map((v) => `${v.rate} ${v.container}`));
    for (const rate of RATE_NAMES) for (const container of CONTAINERS) expect(pairs).toContain(`${rate} ${container}`);
    expect(new Set(videos.map((v) => v.path)).size).toBe(videos.length);
    for (const v of videos) expect(v.durationS).toBeGreaterThanOrEqual(1);
    expect(videos.filter((v) => v.durationS > 60).length).toBe(4);
  });

  it('has the traps of a real share: shared names, $ and # in folders, Korean names in NFD', () => {
    const byName = new Map<string, Set<string>>();
    for (const v of videos) byName.set(v.name, (byName.get(v.name) ?? new Set()).add(v.folder.join('/')));
    expect(byName.get('Part 1.mp4')?.size).toBeGreaterThan(2);
    expect(byName.get('Part 2.mp4')?.size).toBeGreaterThan(1);
    expect(videos.some((v) => v.folder.some((s) => s.includes('$')))).toBe(true);
    expect(videos.some((v) => v.folder.some((s) => s.includes('#')))).toBe(true);
    const korean = videos.filter((v) => /\p{Script=Hangul}/u.test(v.path));
    expect(korean.length).toBeGreaterThan(5);
    expect(korean.every((v) => v.nfd && v.path.normalize('NFD') !== v.path)).toBe(true);
  });

  it('adds every kind of housekeeping file, none of them a video a scan should take', () => {
    const kinds = new Set(housekeeping.map((h) => h.kind));
    for (const kind of ['ds_store', 'thumbs_db', 'apple_double', 'ea_dir', 'partial_download', 'recycle_bin']) {
      expect(kinds).toContain(kind);
    }
    const names = housekeeping.map((h) => h.path.split('/'));
    expect(names.some((p) => p.at(-1) === '.DS_Store')).toBe(true);
    expect(names.some((p) => p.at(-1)!.startsWith('._') && p.at(-1)!.endsWith('.mp4'))).toBe(true);
    expect(names.some((p) => p.includes('@eaDir') && /\.(mp4|mov|mkv|mxf)$/.test(p.at(-2)!))).toBe(true);
    expect(names.some((p) => p.at(-1)!.endsWith('.part'))).toBe(true);
    expect(names.some((p) => p[0] === '#recycle')).toBe(true);
  });

  it('writes a sheet of at least 100 rows with a title above a Korean header that is not on row 1', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(HEADER_ROW).toBeGreaterThan(1);
    expect(plan.sheet.cells[HEADER_ROW - 1]).toEqual(HEADER);
    expect(HEADER.slice(0, 4)).toEqual(['파일명', '폴더 링크', '인', '아웃']);
    expect(plan.sheet.cells[0]![0]).toMatch(/핸드 로그/);
    const rowNumbers = rows.map((r) => r.row);
    expect(new Set(rowNumbers).size).toBe(rows.length);
    expect(Math.min(...rowNumbers)).toBe(HEADER_ROW + 1);
    // One blank row and one repeated header among the data: neither is a row of its own.
    const between = plan.sheet.cells.slice(HEADER_ROW).filter((_, i) => !rowNumbers.includes(HEADER_ROW + 1 + i));
    expect(between).toEqual(expect.arrayContaining([HEADER, HEADER.map(() => '')]));
  });

  it('links folders in every form and times clips in every timecode form', () => {
    const good = plan.sheet.notes.filter((n) => n.kind === 'good');
    expect(new Set(good.map((n) => n.link))).toEqual(new Set(LINK_FORMS));
    expect(new Set(good.map((n) => n.form))).toEqual(new Set(TIMECODE_FORMS));
    const links = clips.map((c) => cellsOf(c.row)[1]!);
    expect(links.some((l) => l.startsWith('\\\\'))).toBe(true);
    expect(links.some((l) => l.startsWith('smb://') && l.includes('%'))).toBe(true);
    expect(links.some((l) => l.startsWith('smb://') && / /.test(l))).toBe(true);
    expect(links.some((l) => l.startsWith('file://'))).toBe(true);
    expect(links.some((l) => /^[A-Z]:\\/.test(l))).toBe(true);
    expect(links.some((l) => l.startsWith('/'))).toBe(true);
    // Drop-frame labels past the first minute, where they part from non-drop labels.
    expect(clips.some((c) => /^00:0[1-9]:\d\d;\d\d$/.test(cellsOf(c.row)[2]!))).toBe(true);
  });

  it('tags in English and Korean, 빅팟, 버블 and 헤즈업 among them, meaning big-pot, bubble and heads-up', () => {
    for (const [word, tag] of [
      ['빅팟', 'big-pot'],
      ['버블', 'bubble'],
      ['헤즈업', 'heads-up'],
    ]) {
      const row = clips.find((c) => cellsOf(c.row)[4]!.includes(word));
      expect(row?.tags).toContain(tag);
    }
    expect(clips.some((c) => /[a-z]/.test(cellsOf(c.row)[4]!))).toBe(true);
  });

  it('has each kind of bad row, with the outcome it must get', () => {
    const count = (pred: (r: ExpectedRow) => boolean) => rows.filter(pred).length;
    expect(count((r) => r.outcome === 'sheet_invalid' && r.kind === 'no_file_name')).toBe(BAD_ROW_MIX.no_file_name);
    expect(count((r) => r.outcome === 'sheet_invalid' && r.kind === 'unreadable_timecode')).toBe(BAD_ROW_MIX.tbd);
    expect(count((r) => r.outcome === 'sheet_invalid' && r.kind === 'out_not_after_in')).toBe(
      BAD_ROW_MIX.out_before_in,
    );
    expect(rows.some((r) => r.outcome === 'sheet_invalid' && /TBD/.test(cellsOf(r.row).join()))).toBe(true);
    expect(count((r) => r.outcome === 'unmatched' && r.reason === 'not_found')).toBe(BAD_ROW_MIX.not_found);
    expect(count((r) => r.outcome === 'unmatched' && r.reason === 'ambiguous')).toBe(BAD_ROW_MIX.ambiguous);
    expect(count((r) => r.outcome === 'invalid' && r.reasons.includes('past_end'))).toBe(BAD_ROW_MIX.past_end);
    const dups = rows.filter((r): r is ExpectedDuplicate => r.outcome === 'duplicate');
    const exactKinds =
      BAD_ROW_MIX.exact_same_id + BAD_ROW_MIX.exact_no_id + BAD_ROW_MIX.exact_other_id + BAD_ROW_MIX.exact_id_added;
    expect(dups.filter((d) => d.kind === 'exact')).toHaveLength(exactKinds);
    expect(dups.filter((d) => d.kind === 'id_conflict')).toHaveLength(BAD_ROW_MIX.id_conflict);
    const ID = 8;
    const withoutId = (cells: string[]) => cells.filter((_, i) => i !== ID);
    for (const d of dups) {
      const [copy, kept] = [cellsOf(d.row), cellsOf(d.duplicate_of)];
      expect(rows.find((r) => r.row === d.duplicate_of)?.outcome).toBe('clip');
      if (d.kind === 'exact') {
        expect(withoutId(copy)).toEqual(withoutId(kept));
        // The kept copy is the first with an ID, else the first.
        if (kept[ID] === '') expect([copy[ID], d.duplicate_of < d.row]).toEqual(['', true]);
        else if (copy[ID] !== '') expect(d.duplicate_of).toBeLessThan(d.row);
      } else {
        expect(d.duplicate_of).toBeLessThan(d.row);
        expect(copy[ID]).toBe(kept[ID]);
        expect(withoutId(copy)).not.toEqual(withoutId(kept));
      }
    }
    const pairs = dups.filter((d) => d.kind === 'exact').map((d) => [cellsOf(d.row)[ID], cellsOf(d.duplicate_of)[ID]]);
    expect(pairs.some(([a, b]) => a === '' && b === '')).toBe(true);
    expect(pairs.some(([a, b]) => a !== '' && a === b)).toBe(true);
    expect(pairs.some(([a, b]) => a !== '' && b !== '' && a !== b)).toBe(true);
    expect(pairs.some(([a, b]) => a === '' && b !== '')).toBe(true);
  });

  it('names missing files that no live file has, one of them only in the recycle bin', () => {
    const names = new Set(videos.map((v) => v.name.toLowerCase()));
    const missing = rows
      .filter((r) => r.outcome === 'unmatched' && r.reason === 'not_found')
      .map((r) => cellsOf(r.row)[0]!);
    for (const name of missing) expect(names.has(name.toLowerCase())).toBe(false);
    expect(housekeeping.some((h) => h.kind === 'recycle_bin' && missing.includes(h.path.split('/').at(-1)!))).toBe(
      true,
    );
  });

  it('keeps every good clip inside its video, at least 0.4 s long', () => {
    const byPath = new Map(videos.map((v) => [v.path, v] as const));
    for (const c of clips) {
      const video = byPath.get(c.file)!;
      const rate = parseFrameRate(c.rate);
      expect(c.out_frame - c.in_frame).toBeGreaterThanOrEqual(Math.floor(0.4 * (rate.num / rate.den)));
      // A wall-clock out-point rounds to the nearest frame: up to half a frame later.
      expect(seconds(c.out_frame, rate)).toBeLessThanOrEqual(video.durationS - END_MARGIN_S + rate.den / rate.num / 2);
    }
  });
});

describe('expected frames', () => {
  it('are the frames each cell means at the exact rate of its file', () => {
    // Spot checks worked out by hand: the generator's numbers go through libs/timecode, these do not.
    const rate = (r: string) => parseFrameRate(r);
    const byHand = (text: string, r: FrameRate): number => {
      const smpte = /^(\d+):(\d\d):(\d\d)([:;])(\d\d)$/.exec(text);
      if (smpte) {
        const [h, m, s, sep, f] = [Number(smpte[1]), Number(smpte[2]), Number(smpte[3]), smpte[4], Number(smpte[5])];
        const nominal = Math.ceil(r.num / r.den);
        const total = h * 60 + m;
        const dropped = sep === ';' ? (nominal / 15) * (total - Math.floor(total / 10)) : 0;
        return (total * 60 + s) * nominal + f - dropped;
      }
      const clock = text.split(':').map(Number);
      const secs = clock.reduce((acc, part) => acc * 60 + part, 0);
      return Math.round((secs * r.num) / r.den + 1e-9);
    };
    let checked = 0;
    for (const c of clips) {
      const [inText, outText] = [cellsOf(c.row)[2]!, cellsOf(c.row)[3]!];
      expect([c.row, byHand(inText, rate(c.rate)), byHand(outText, rate(c.rate))]).toEqual([
        c.row,
        c.in_frame,
        c.out_frame,
      ]);
      checked++;
    }
    expect(checked).toBe(clips.length);
  });

  it('use the file rate, not the sheet’s 29.97, for SMPTE labels on 25 and 59.94 fps files', () => {
    const smpteOn = (r: string) =>
      clips.filter((c) => c.rate === r && /^\d\d:\d\d:\d\d:\d\d$/.test(cellsOf(c.row)[2]!));
    expect(smpteOn('25/1').length + smpteOn('60000/1001').length).toBeGreaterThan(0);
  });
});

describe('planScenario (the large scenario of the fault tests)', () => {
  const large = planScenario({ ...LARGE });

  it('has at least 1,400 videos and 3,000 rows, most videos copies of a few rendered ones', () => {
    expect(large.nas.videos.length).toBeGreaterThanOrEqual(1400);
    expect(large.expected.rows.length).toBeGreaterThanOrEqual(3000);
    const rendered = large.nas.videos.filter((v) => v.source.kind === 'render');
    expect(rendered.length).toBeLessThanOrEqual(40);
    const byPath = new Map(large.nas.videos.map((v) => [v.path, v] as const));
    for (const v of large.nas.videos) {
      if (v.source.kind !== 'copy') continue;
      const master = byPath.get(v.source.of)!;
      expect([master.source.kind, master.rate, master.container, master.durationS]).toEqual([
        'render',
        v.rate,
        v.container,
        v.durationS,
      ]);
    }
  });

  it('scales the bad rows with the sheet and keeps most rows good', () => {
    const { counts } = large.expected;
    expect(counts.clip / counts.sheet_rows).toBeGreaterThan(0.8);
    expect(counts.duplicate).toBeGreaterThanOrEqual(6 * 10);
    expect(counts.stored).toBe(counts.clip + counts.invalid + counts.unmatched);
  });
});

function seconds(frame: number, rate: FrameRate): number {
  return (frame * rate.den) / rate.num;
}
