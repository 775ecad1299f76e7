/**
 * expected.json: what the system must make of every sheet row of a generated
 * scenario, written by the generator from what it generated (never from what
 * the system did). Row numbers are sheet row numbers (1-based, title and
 * header rows included), the same in the CSV and the Google fixture.
 */

/** Why a stored clip is invalid, as a kind (hand-analysis words it in a sentence). */
export type InvalidReasonKind = 'past_end' | 'unreadable_timecode' | 'out_not_after_in' | 'too_long' | 'other';
/** Why no file matches a row (nas.match_file_path's answer). */
export type UnmatchedReasonKind = 'not_found' | 'ambiguous' | 'outside_roots' | 'other';
/** Why the sheet itself refuses a row (sheets-sync's SyncResult.invalid). */
export type SheetInvalidKind = 'no_file_name' | 'unreadable_timecode' | 'out_not_after_in' | 'other';

export interface ExpectedClip {
  row: number;
  outcome: 'clip';
  /** Root-relative path of the file, NFC (the disk may hold it in NFD). */
  file: string;
  /** The file's exact frame rate, `30000/1001`. */
  rate: string;
  in_frame: number;
  out_frame: number;
  /** Canonical tags the clip must have (it may have more: derived ones, free ones). */
  tags: string[];
}

export interface ExpectedInvalid {
  row: number;
  outcome: 'invalid';
  file: string;
  /** Every reason's kind, sorted, each once. */
  reasons: InvalidReasonKind[];
}

export interface ExpectedUnmatched {
  row: number;
  outcome: 'unmatched';
  reason: UnmatchedReasonKind;
}

export interface ExpectedSheetInvalid {
  row: number;
  outcome: 'sheet_invalid';
  kind: SheetInvalidKind;
}

export interface ExpectedDuplicate {
  row: number;
  outcome: 'duplicate';
  kind: 'exact' | 'id_conflict';
  /** The earlier row it repeats (the one that is stored and wins). */
  duplicate_of: number;
}

export type ExpectedRow = ExpectedClip | ExpectedInvalid | ExpectedUnmatched | ExpectedSheetInvalid | ExpectedDuplicate;
export type ExpectedOutcome = ExpectedRow['outcome'];

/** Rows the sheet stores (and the orchestrator gives an outcome): clips, invalid clips, unmatched. */
export function isStored(row: ExpectedRow): row is ExpectedClip | ExpectedInvalid | ExpectedUnmatched {
  return row.outcome === 'clip' || row.outcome === 'invalid' || row.outcome === 'unmatched';
}

export interface ExpectedVideo {
  path: string;
  rate: string;
  duration_s: number;
  container: string;
  /** `render`: made by ffmpeg; `copy`: another video's bytes with a unique trailer. */
  made_by: 'render' | 'copy';
}

export interface ScenarioExpectation {
  version: 1;
  seed: number;
  /** NAS root name; NAS_ROOTS is `<root>=<dir>/nas`. */
  root: string;
  /** What NAS_PATH_PREFIXES must say for the sheet's folder links. */
  nas_path_prefixes: string;
  tab: string;
  header_row: number;
  google_spreadsheet_id: string;
  videos: ExpectedVideo[];
  /** Files a scan must skip (root-relative). */
  housekeeping: string[];
  rows: ExpectedRow[];
  counts: Record<ExpectedOutcome, number> & { stored: number; sheet_rows: number };
}

export function countOutcomes(rows: readonly ExpectedRow[]): ScenarioExpectation['counts'] {
  const counts = {
    clip: 0,
    invalid: 0,
    unmatched: 0,
    sheet_invalid: 0,
    duplicate: 0,
    stored: 0,
    sheet_rows: rows.length,
  };
  for (const row of rows) {
    counts[row.outcome]++;
    if (isStored(row)) counts.stored++;
  }
  return counts;
}

/** hand-analysis's reason sentence → its kind. */
export function invalidReasonKind(reason: string): InvalidReasonKind {
  if (/past the end/i.test(reason)) return 'past_end';
  if (/^\s*(in|out):/i.test(reason)) return 'unreadable_timecode';
  if (/is before in|same as in/i.test(reason)) return 'out_not_after_in';
  if (/longer than/i.test(reason)) return 'too_long';
  return 'other';
}

/** nas.match_file_path's (or the orchestrator's) reason → its kind. */
export function unmatchedReasonKind(reason: string | null | undefined): UnmatchedReasonKind {
  const text = reason ?? '';
  if (/several files|ambiguous/i.test(text)) return 'ambiguous';
  if (/outside_roots|not under a NAS root/i.test(text)) return 'outside_roots';
  if (/no file|not_found|not found/i.test(text)) return 'not_found';
  return 'other';
}

/** sheets-sync's invalid-row reason → its kind (the first problem named decides). */
export function sheetInvalidKind(reason: string): SheetInvalidKind {
  if (/file name/i.test(reason)) return 'no_file_name';
  if (/unparseable|missing (in|out)|timecode/i.test(reason)) return 'unreadable_timecode';
  if (/not after|before/i.test(reason)) return 'out_not_after_in';
  return 'other';
}

/** Sorted, each kind once. */
export function reasonKinds(reasons: readonly string[]): InvalidReasonKind[] {
  return [...new Set(reasons.map(invalidReasonKind))].sort();
}
