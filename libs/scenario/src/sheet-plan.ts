import { TimecodeFormat, formatTimecode } from '@pokervod/timecode';
import type { ExpectedRow, InvalidReasonKind, SheetInvalidKind, UnmatchedReasonKind } from './expected';
import { LINK_FORMS, LinkForm, folderLink, foreignLink } from './links';
import { RATES, rateText } from './media';
import type { PlannedHousekeeping, PlannedVideo } from './nas-plan';
import { recycledVideo } from './nas-plan';
import { Rng } from './prng';
import { REQUIRED_KOREAN_TAGS, tagCell } from './tags';
import { END_MARGIN_S, clipTimes, formsFor, frameAt, hhmmssText, sheetEdgeAccepts, TIMECODE_FORMS } from './timecodes';

/** The hand log's columns, headed in Korean (sheets-sync's aliases); `편집자` is a column the app does not know. */
export const HEADER = [
  '파일명',
  '폴더 링크',
  '인',
  '아웃',
  '태그',
  '핸드 번호',
  '플레이어',
  '설명',
  '아이디',
  '비고',
  '편집자',
];
const COL = {
  file: 0,
  link: 1,
  in: 2,
  out: 3,
  tags: 4,
  hand: 5,
  players: 6,
  description: 7,
  id: 8,
  notes: 9,
  editor: 10,
};

export const TITLE_ROWS = 3;
export const HEADER_ROW = TITLE_ROWS + 1;

/** How many of each kind of bad row a sheet of `BAD_ROWS_PER` rows holds (scaled up with the sheet). */
export const BAD_ROW_MIX = {
  no_file_name: 3,
  tbd: 3,
  out_before_in: 3,
  not_found: 3,
  outside_roots: 1,
  ambiguous: 2,
  past_end: 3,
  frames_out_of_range: 2,
  drop_frame_at_25: 1,
  exact_same_id: 1,
  exact_no_id: 1,
  exact_other_id: 1,
  exact_id_added: 1,
  id_conflict: 2,
} as const;
export type BadRowKind = keyof typeof BAD_ROW_MIX;
export const BAD_ROWS_PER = 140;

export interface SheetPlanOptions {
  rows: number;
  root: string;
}

export interface SheetPlan {
  /** Every sheet row from row 1 (title, notes, header, data; a blank row and a repeated header among the data). */
  cells: string[][];
  expected: ExpectedRow[];
  /** Videos the plan puts in the recycle bin (traps for unmatched rows). */
  housekeeping: PlannedHousekeeping[];
  /** What each data row shows, for the plan's tests and the docs. */
  notes: { row: number; kind: string; link?: LinkForm; form?: TimecodeFormat }[];
}

interface Entry {
  cells: string[];
  /** Expected outcome without its row number; duplicates point at their original entry. */
  expect:
    | { outcome: 'clip'; file: string; rate: string; in_frame: number; out_frame: number; tags: string[] }
    | { outcome: 'invalid'; file: string; reasons: InvalidReasonKind[] }
    | { outcome: 'unmatched'; reason: UnmatchedReasonKind }
    | { outcome: 'sheet_invalid'; kind: SheetInvalidKind }
    | { outcome: 'duplicate'; kind: 'exact' | 'id_conflict'; of: Entry };
  kind: string;
  link?: LinkForm;
  form?: TimecodeFormat;
}

const PLAYERS = [
  'Mina Park',
  'Tom Becker',
  'Kenji Sato',
  'Sofia Rossi',
  'Lucas Meyer',
  'J. Alvarez',
  '이도현',
  '김하늘',
  '박서준',
  'Daniel N.',
];
const EDITORS = ['minji', 'tom', 'jh.lee', 'sora'];
const CARDS = ['AhKd', 'QsQc', '7c6c', 'JhJc', '9s9d', 'A♠5♠', 'K♣K♦', 'Ts9s', '5h4h', 'AdJd'];
const STORIES = [
  (a: string, b: string, c: string) => `${a} 리버 블러프 (${c}), ${b} folds`,
  (a: string, b: string, c: string) => `${a} calls ${b}'s shove with ${c}`,
  (a: string, b: string, c: string) => `${a} vs ${b}: ${c} 올인 프리플랍`,
  (a: string, b: string, c: string) => `${b} check-raises ${a} on the turn, ${c}`,
  (a: string, _b: string, c: string) => `${a} slowplays ${c} for three streets`,
];

/**
 * The hand log: a title and a note above a Korean header (row 4), then good
 * rows (every link form and timecode form, Korean and English tags) and each
 * kind of bad row, with the outcome each must get. Good rows go on rendered
 * and copied videos alike.
 */
export function planSheet(rng: Rng, videos: readonly PlannedVideo[], options: SheetPlanOptions): SheetPlan {
  const scale = Math.max(1, Math.round(options.rows / BAD_ROWS_PER));
  const housekeeping: PlannedHousekeeping[] = [];
  const bad = (kind: BadRowKind) => BAD_ROW_MIX[kind] * scale;
  const badTotal = (Object.keys(BAD_ROW_MIX) as BadRowKind[]).reduce((n, k) => n + bad(k), 0);
  const duplicateRows =
    bad('exact_same_id') + bad('exact_no_id') + bad('exact_other_id') + bad('exact_id_added') + bad('id_conflict');
  // One pair per scale: the same file name and in-point in two folders, no ID (two different hands, two clips).
  const sameNamePairs = scale;
  const goodCount = options.rows - badTotal - 2 * sameNamePairs;
  if (goodCount < 40)
    throw new Error(
      `scenario: ${options.rows} rows leave too few good rows (need ≥ ${badTotal + 2 * sameNamePairs + 40})`,
    );

  const names = new Map<string, number>();
  for (const v of videos) names.set(key(v.name), (names.get(key(v.name)) ?? 0) + 1);
  const paths = new Set(videos.map((v) => key(v.path)));

  let idSeq = 0;
  const nextId = () => `H-${String(++idSeq).padStart(5, '0')}`;
  const linkCycle = cycle(rng, LINK_FORMS);
  const koreanTags = [...REQUIRED_KOREAN_TAGS];

  /** A good row on `video`: a clip with exact frames at the video's rate. */
  const goodRow = (video: PlannedVideo, opts: { id?: boolean; form?: TimecodeFormat; link?: LinkForm } = {}): Entry => {
    const forms = formsFor(video.rate, video.durationS);
    const form = opts.form && forms.includes(opts.form) ? opts.form : rng.pick(forms);
    const times = clipTimes(rng, video.rate, video.durationS, form);
    const link = opts.link ?? linkCycle();
    const tags = tagCell(rng, koreanTags.shift());
    const cells = rowCells(rng, {
      file: video.name,
      link: folderLink(video.folder, link, options.root),
      in: times.in,
      out: times.out,
      tags: tags.text,
      id: opts.id ? nextId() : '',
    });
    return {
      cells,
      expect: {
        outcome: 'clip',
        file: video.path,
        rate: rateText(video.rate),
        in_frame: frameAt(times.in, RATES[video.rate]),
        out_frame: frameAt(times.out, RATES[video.rate]),
        tags: tags.canonical,
      },
      kind: 'good',
      link,
      form,
    };
  };

  // Good rows: every video once in a shuffled order (then again), every timecode form early on.
  const order = rng.shuffle(videos);
  const entries: Entry[] = [];
  const formCycle = [...TIMECODE_FORMS];
  for (let i = 0; i < goodCount; i++) {
    const video = order[i % order.length];
    entries.push(goodRow(video, { id: rng.chance(0.35), form: formCycle.shift() }));
  }

  // Two hands logged at the same point of two files that share a name (`Part 1.mp4` of Day 1 and of Day 2).
  const partners = (a: PlannedVideo) =>
    videos.filter((v) => key(v.name) === key(a.name) && v.path !== a.path && v.durationS >= a.durationS);
  const shared = need(
    videos.filter((v) => v.durationS >= 2 && v.durationS < 60 && partners(v).length > 0),
    'two videos of the same name',
  );
  for (let i = 0; i < sameNamePairs; i++) {
    const a = rng.pick(shared);
    const b = rng.pick(partners(a));
    const first = goodRow(a, { form: 'hh:mm:ss' });
    const second = goodRow(b, { form: 'hh:mm:ss' });
    second.cells[COL.in] = first.cells[COL.in];
    second.cells[COL.out] = first.cells[COL.out];
    Object.assign(second.expect, { in_frame: frameAt(first.cells[COL.in], RATES[b.rate]) });
    Object.assign(second.expect, { out_frame: frameAt(first.cells[COL.out], RATES[b.rate]) });
    first.kind = second.kind = 'same_name_same_in';
    entries.push(first, second);
  }

  const anyVideo = () => rng.pick(videos);
  const videosAt = (rate: string) =>
    need(
      videos.filter((v) => v.rate === rate && v.durationS >= 2),
      `${rate} fps video of 2 s or more`,
    );

  for (let i = 0; i < bad('no_file_name'); i++) {
    const e = goodRow(anyVideo());
    e.cells[COL.file] = '';
    entries.push(sheetInvalid(e, 'no_file_name'));
  }
  const unreadable = ['TBD', 'tbd', '미정', '?', '00:0x:12'];
  for (let i = 0; i < bad('tbd'); i++) {
    const e = goodRow(anyVideo());
    e.cells[i % 2 === 0 ? COL.in : COL.out] = unreadable[i % unreadable.length];
    entries.push(sheetInvalid(e, 'unreadable_timecode'));
  }
  for (let i = 0; i < bad('out_before_in'); i++) {
    const e = goodRow(anyVideo());
    [e.cells[COL.in], e.cells[COL.out]] = [e.cells[COL.out], e.cells[COL.in]];
    entries.push(sheetInvalid(e, 'out_not_after_in'));
  }

  // A file that is nowhere on the NAS (one of them only in the recycle bin).
  for (let i = 0; i < bad('not_found'); i++) {
    const v = anyVideo();
    const e = goodRow(v);
    const name = missingName(v, i, names);
    e.cells[COL.file] = name;
    if (i === 0) housekeeping.push(recycledVideo(name, v));
    entries.push({
      cells: e.cells,
      expect: { outcome: 'unmatched', reason: 'not_found' },
      kind: 'not_found',
      link: e.link,
    });
  }
  for (let i = 0; i < bad('outside_roots'); i++) {
    const v = anyVideo();
    const e = goodRow(v);
    e.cells[COL.link] = foreignLink(v.folder);
    entries.push({ cells: e.cells, expect: { outcome: 'unmatched', reason: 'outside_roots' }, kind: 'outside_roots' });
  }
  // A shared name (`Part 1.mp4`) linked to the event folder above its day folders: several files fit.
  const ambiguousCandidates = need(
    videos.filter(
      (v) =>
        (names.get(key(v.name)) ?? 0) > 1 &&
        v.folder.length > 2 &&
        !paths.has(key([...v.folder.slice(0, -1), v.name].join('/'))),
    ),
    'shared name one folder below its event',
  );
  for (let i = 0; i < bad('ambiguous'); i++) {
    const v = rng.pick(ambiguousCandidates);
    const e = goodRow(v);
    const link = e.link ?? 'unc';
    e.cells[COL.link] = folderLink(v.folder.slice(0, -1), link, options.root);
    entries.push({ cells: e.cells, expect: { outcome: 'unmatched', reason: 'ambiguous' }, kind: 'ambiguous', link });
  }

  // Rows the sheet takes but the video refuses: a clip past the end; SMPTE frames the file's rate has not.
  for (let i = 0; i < bad('past_end'); i++) {
    const v = rng.pick(videos.filter((x) => x.durationS < 60));
    const e = goodRow(v, { form: 'hh:mm:ss' });
    const outS = Math.ceil(v.durationS + END_MARGIN_S) + rng.int(3, 8);
    e.cells[COL.in] = hhmmssText(0);
    e.cells[COL.out] = hhmmssText(outS * 1000);
    entries.push({
      cells: e.cells,
      expect: { outcome: 'invalid', file: v.path, reasons: ['past_end'] },
      kind: 'past_end',
    });
  }
  for (let i = 0; i < bad('frames_out_of_range'); i++) {
    const v = rng.pick(videosAt('25'));
    const e = goodRow(v);
    e.cells[COL.in] = `00:00:00:${rng.int(25, 29)}`;
    e.cells[COL.out] = formatTimecode(Math.floor((v.durationS - END_MARGIN_S) * 25), RATES['25'], 'smpte');
    entries.push({
      cells: e.cells,
      expect: { outcome: 'invalid', file: v.path, reasons: ['unreadable_timecode'] },
      kind: 'frames_out_of_range',
    });
  }
  for (let i = 0; i < bad('drop_frame_at_25'); i++) {
    const v = rng.pick(videosAt('25'));
    const e = goodRow(v);
    e.cells[COL.in] = '00:00:00;05';
    e.cells[COL.out] = `00:00:01;${String(rng.int(2, 20)).padStart(2, '0')}`;
    entries.push({
      cells: e.cells,
      expect: { outcome: 'invalid', file: v.path, reasons: ['unreadable_timecode'] },
      kind: 'drop_frame_at_25',
    });
  }

  // Duplicates: copies of good rows, placed after them.
  const goods = entries.filter((e) => e.kind === 'good');
  const withId = rng.shuffle(goods.filter((e) => e.cells[COL.id] !== ''));
  const withoutId = rng.shuffle(goods.filter((e) => e.cells[COL.id] === ''));
  // Each copy goes somewhere below the row it copies (`after`). sheets-sync keeps, of exact copies, the first
  // with an ID, else the first (docs/sheets-sync.md "Duplicate rows"); of rows sharing an ID, the first.
  const duplicates: { entry: Entry; after: Entry }[] = [];
  const exactCopy = (of: Entry, kind: string, id: string) => {
    const cells = [...of.cells];
    cells[COL.id] = id;
    const entry: Entry = { cells, expect: { outcome: 'duplicate', kind: 'exact', of }, kind };
    duplicates.push({ entry, after: of });
    return entry;
  };
  for (let i = 0; i < bad('exact_same_id'); i++) {
    const of = take(withId);
    exactCopy(of, 'exact_same_id', of.cells[COL.id]);
  }
  for (let i = 0; i < bad('exact_no_id'); i++) exactCopy(take(withoutId), 'exact_no_id', '');
  for (let i = 0; i < bad('exact_other_id'); i++) exactCopy(take(withId), 'exact_other_id', nextId());
  for (let i = 0; i < bad('exact_id_added'); i++) {
    // The copy below has an ID and the original none: the copy is kept, the original is the duplicate.
    const original = take(withoutId);
    const copy = exactCopy(original, 'exact_id_added', nextId());
    copy.expect = original.expect;
    original.expect = { outcome: 'duplicate', kind: 'exact', of: copy };
    original.kind = 'exact_id_added_original';
  }
  for (let i = 0; i < bad('id_conflict'); i++) {
    const of = take(withId);
    const other = goodRow(anyVideo());
    other.cells[COL.id] = of.cells[COL.id];
    const entry: Entry = {
      cells: other.cells,
      expect: { outcome: 'duplicate', kind: 'id_conflict', of },
      kind: 'id_conflict',
    };
    duplicates.push({ entry, after: of });
  }
  if (duplicates.length !== duplicateRows) throw new Error('scenario: not enough good rows to duplicate');

  // Sheet order: singles shuffled, each copy somewhere below the row it copies.
  const ordered = rng.shuffle(entries);
  for (const { entry, after } of duplicates) {
    const at = ordered.indexOf(after);
    ordered.splice(rng.int(at + 1, ordered.length), 0, entry);
  }

  const cells: string[][] = [
    [`2024 하반기 핸드 로그 — 시나리오 (${options.rows}행)`, ...blank(HEADER.length - 1)],
    blank(HEADER.length),
    ['※ 타임코드는 파일 처음 기준 / timecodes from the start of each file', ...blank(HEADER.length - 1)],
    [...HEADER],
  ];
  const blankAt = rng.int(5, Math.max(5, ordered.length - 5));
  const headerAgainAt = rng.int(5, Math.max(5, ordered.length - 5));
  const rowOf = new Map<Entry, number>();
  const rowNumber = (entry: Entry): number => {
    const row = rowOf.get(entry);
    if (row === undefined) throw new Error('scenario: a row the sheet does not hold');
    return row;
  };
  const notes: SheetPlan['notes'] = [];
  ordered.forEach((entry, i) => {
    if (i === blankAt) cells.push(blank(HEADER.length));
    if (i === headerAgainAt) cells.push([...HEADER]);
    cells.push(entry.cells);
    rowOf.set(entry, cells.length);
    notes.push({
      row: cells.length,
      kind: entry.kind,
      ...(entry.link ? { link: entry.link } : {}),
      ...(entry.form ? { form: entry.form } : {}),
    });
  });

  const expected: ExpectedRow[] = ordered.map((entry): ExpectedRow => {
    const row = rowNumber(entry);
    const e = entry.expect;
    switch (e.outcome) {
      case 'duplicate':
        return { row, outcome: 'duplicate', kind: e.kind, duplicate_of: rowNumber(e.of) };
      case 'clip':
        return { row, ...e };
      case 'invalid':
        return { row, ...e };
      case 'unmatched':
        return { row, ...e };
      case 'sheet_invalid':
        return { row, ...e };
    }
  });
  checkSheetEdge(cells, expected);
  checkNoAccidentalDuplicates(cells, expected);
  return { cells, expected, housekeeping, notes };
}

function sheetInvalid(e: Entry, kind: SheetInvalidKind): Entry {
  return { cells: e.cells, expect: { outcome: 'sheet_invalid', kind }, kind: `sheet_${kind}` };
}

const key = (s: string) => s.normalize('NFC').toLowerCase();
const blank = (n: number) => Array.from({ length: n }, () => '');

/** A name like the video's that no file on the NAS has. */
function missingName(v: PlannedVideo, i: number, names: ReadonlyMap<string, number>): string {
  const ext = v.name.slice(v.name.lastIndexOf('.'));
  for (let n = 7 + i; ; n++) {
    const candidate = /^Part \d/.test(v.name)
      ? `Part ${n}${ext}`
      : `${v.name.slice(0, -ext.length)} (재업로드 ${n})${ext}`;
    if (!names.has(key(candidate))) return candidate;
  }
}

function rowCells(
  rng: Rng,
  f: { file: string; link: string; in: string; out: string; tags: string; id: string },
): string[] {
  const [a, b] = rng.shuffle(PLAYERS);
  const cards = rng.pick(CARDS);
  const cells = blank(HEADER.length);
  cells[COL.file] = f.file;
  cells[COL.link] = f.link;
  cells[COL.in] = f.in;
  cells[COL.out] = f.out;
  cells[COL.tags] = f.tags;
  cells[COL.hand] = rng.chance(0.85) ? String(rng.int(1, 400)) : '';
  cells[COL.players] = rng.chance(0.5) ? `${a}, ${b}` : `${a} vs ${b}`;
  cells[COL.description] = rng.pick(STORIES)(a, b, cards);
  cells[COL.id] = f.id;
  cells[COL.notes] = rng.chance(0.15) ? '자막 확인 필요' : '';
  cells[COL.editor] = rng.pick(EDITORS);
  return cells;
}

/** A list the plan draws from must not be empty: a NAS too small for the sheet's rows is a clear error. */
function need<T>(items: T[], what: string): T[] {
  if (items.length === 0) throw new Error(`scenario: the NAS has no ${what}; generate more files`);
  return items;
}

/** The next of a list the plan made long enough (a shortfall is a bug in the plan). */
function take<T>(items: T[]): T {
  const item = items.pop();
  if (item === undefined) throw new Error('scenario: not enough good rows to copy');
  return item;
}

/** Every link form once before any twice, so a small sheet still has them all. */
function cycle<T>(rng: Rng, items: readonly T[]): () => T {
  let queue: T[] = [];
  return () => {
    if (queue.length === 0) queue = rng.shuffle(items);
    return queue.shift() as T;
  };
}

/** The plan's own check that sheets-sync's documented edge rules take the rows meant to pass and refuse the others. */
function checkSheetEdge(cells: readonly string[][], expected: readonly ExpectedRow[]): void {
  for (const e of expected) {
    const row = cells[e.row - 1];
    const verdict = row[COL.file] === '' ? 'no_file_name' : sheetEdgeAccepts(row[COL.in], row[COL.out]);
    const want =
      e.outcome === 'sheet_invalid'
        ? {
            no_file_name: 'no_file_name',
            unreadable_timecode: 'unreadable',
            out_not_after_in: 'out_not_after_in',
            other: '?',
          }[e.kind]
        : 'ok';
    if (verdict !== want)
      throw new Error(`scenario: row ${e.row} (${e.outcome}) reads as ${verdict} at the sheet's edge, meant ${want}`);
  }
}

/** Only the planned duplicates may repeat a hand (every field but the ID and the unknown editor column). */
function checkNoAccidentalDuplicates(cells: readonly string[][], expected: readonly ExpectedRow[]): void {
  const seen = new Map<string, number>();
  for (const e of expected) {
    if (e.outcome === 'duplicate') continue;
    const content = JSON.stringify(cells[e.row - 1].filter((_, i) => i !== COL.id && i !== COL.editor));
    const earlier = seen.get(content);
    if (earlier !== undefined) throw new Error(`scenario: rows ${earlier} and ${e.row} are the same by accident`);
    seen.set(content, e.row);
  }
}
