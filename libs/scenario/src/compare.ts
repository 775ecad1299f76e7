import {
  ExpectedRow,
  ScenarioExpectation,
  isStored,
  reasonKinds,
  sheetInvalidKind,
  unmatchedReasonKind,
} from './expected';

/** One stored row as the orchestrator reports it (`GET /api/orchestrator/rows`). */
export interface ObservedRow {
  tab: string;
  row_number: number;
  row_key: string;
  outcome: string;
  reason: string | null;
  reasons: string[];
  clip_id: string | null;
  video_file_id: string | null;
  last_error?: string | null;
}

/** One clip as hand-analysis shows it (`GET /api/hands/clips`), its file's path looked up. */
export interface ObservedClip {
  id: string;
  row_key: string | null;
  /** Root-relative path of its video file (null when the file is unknown). */
  file: string | null;
  rate: string;
  in_frame: number | null;
  out_frame: number | null;
  status: string;
  reasons: string[];
  tags: string[];
}

/** The sheet-level findings of the source's last sync (`GET /api/sheets/sources` → last_result). */
export interface ObservedSheet {
  invalid: { row: number; reason: string }[];
  duplicates: { row: number; duplicate_of: number; kind: string }[];
}

export interface Observed {
  rows: ObservedRow[];
  clips: ObservedClip[];
  sheet: ObservedSheet;
}

/**
 * Every difference between what the scenario expects and what the system
 * did, one line each (empty: the outcome is exactly as expected). Checks each
 * row's outcome, and also that nothing else exists: no row, clip, bad row or
 * duplicate the scenario does not expect.
 */
export function compareWithExpected(expected: ScenarioExpectation, observed: Observed): string[] {
  const problems: string[] = [];
  const rows = new Map<number, ObservedRow[]>();
  for (const r of observed.rows) {
    if (r.outcome === 'removed') continue;
    rows.set(r.row_number, [...(rows.get(r.row_number) ?? []), r]);
  }
  const clips = new Map(observed.clips.map((c) => [c.id, c] as const));
  const usedClips = new Set<string>();
  const wanted = new Set(expected.rows.map((e) => e.row));

  for (const e of expected.rows) {
    const at = `row ${e.row} (${describe(e)})`;
    const found = rows.get(e.row) ?? [];
    if (!isStored(e)) {
      if (found.length > 0) problems.push(`${at}: must not be stored, but the orchestrator has ${summary(found)}`);
      problems.push(...sheetLevel(e, observed.sheet, at));
      continue;
    }
    if (found.length !== 1) {
      problems.push(`${at}: expected one stored row, found ${found.length === 0 ? 'none' : summary(found)}`);
      continue;
    }
    const row = found[0];
    if (row.outcome !== e.outcome) {
      const why = row.reason ?? row.last_error ?? row.reasons.join('; ');
      problems.push(`${at}: outcome ${row.outcome}${why ? ` (${why})` : ''}`);
      continue;
    }
    if (e.outcome === 'unmatched') {
      const kind = unmatchedReasonKind(row.reason);
      if (kind !== e.reason) problems.push(`${at}: unmatched because ${kind} (${row.reason}), expected ${e.reason}`);
      continue;
    }
    const clip = row.clip_id ? clips.get(row.clip_id) : undefined;
    if (!clip) {
      problems.push(`${at}: no clip ${row.clip_id ?? '(no clip id)'}`);
      continue;
    }
    usedClips.add(clip.id);
    if (clip.row_key !== null && clip.row_key !== row.row_key && !clip.row_key.endsWith(`:${row.row_key}`)) {
      problems.push(`${at}: clip ${clip.id} belongs to row key ${clip.row_key}, the row is ${row.row_key}`);
    }
    if (nfc(clip.file) !== nfc(e.file)) problems.push(`${at}: clip on ${clip.file ?? '(unknown file)'}`);
    if (e.outcome === 'invalid') {
      if (clip.status !== 'invalid') problems.push(`${at}: clip is ${clip.status}`);
      const kinds = reasonKinds(clip.reasons);
      if (JSON.stringify(kinds) !== JSON.stringify(e.reasons)) {
        problems.push(
          `${at}: reasons ${JSON.stringify(clip.reasons)} are ${kinds.join(',')}, expected ${e.reasons.join(',')}`,
        );
      }
      continue;
    }
    if (clip.status !== 'valid') problems.push(`${at}: clip is ${clip.status}: ${clip.reasons.join('; ')}`);
    if (clip.rate !== e.rate) problems.push(`${at}: clip at ${clip.rate} fps, the file is ${e.rate}`);
    if (clip.in_frame !== e.in_frame || clip.out_frame !== e.out_frame) {
      problems.push(`${at}: frames ${clip.in_frame}–${clip.out_frame}, expected ${e.in_frame}–${e.out_frame}`);
    }
    const missing = e.tags.filter((t) => !clip.tags.includes(t));
    if (missing.length > 0) problems.push(`${at}: tags ${JSON.stringify(clip.tags)} lack ${missing.join(', ')}`);
  }

  for (const [rowNumber, found] of rows) {
    if (!wanted.has(rowNumber)) problems.push(`row ${rowNumber}: not in the scenario, but stored as ${summary(found)}`);
  }
  for (const clip of observed.clips) {
    if (!usedClips.has(clip.id)) problems.push(`clip ${clip.id} (${clip.row_key}) belongs to no expected row`);
  }
  const expectedBad = new Set(expected.rows.filter((e) => e.outcome === 'sheet_invalid').map((e) => e.row));
  for (const bad of observed.sheet.invalid) {
    if (!expectedBad.has(bad.row))
      problems.push(`row ${bad.row}: reported invalid by the sheet (${bad.reason}), expected valid`);
  }
  const expectedDup = new Set(
    expected.rows
      .filter((e) => e.outcome === 'duplicate')
      .flatMap((e) => [e.row, (e as { duplicate_of: number }).duplicate_of]),
  );
  for (const dup of observed.sheet.duplicates) {
    if (!expectedDup.has(dup.row))
      problems.push(`row ${dup.row}: reported as a ${dup.kind} duplicate of row ${dup.duplicate_of}, expected none`);
  }
  return problems;
}

function sheetLevel(e: ExpectedRow, sheet: ObservedSheet, at: string): string[] {
  if (e.outcome === 'sheet_invalid') {
    const found = sheet.invalid.filter((r) => r.row === e.row);
    if (found.length === 0) return [`${at}: not in the sheet's invalid rows`];
    const kind = sheetInvalidKind(found[0].reason);
    return kind === e.kind ? [] : [`${at}: invalid because ${kind} (${found[0].reason}), expected ${e.kind}`];
  }
  if (e.outcome === 'duplicate') {
    const found = sheet.duplicates.filter(
      (d) =>
        (d.row === e.row && d.duplicate_of === e.duplicate_of) ||
        (d.row === e.duplicate_of && d.duplicate_of === e.row),
    );
    if (found.length === 0) {
      const any = sheet.duplicates.filter((d) => d.row === e.row);
      return [
        `${at}: not reported as a duplicate of row ${e.duplicate_of}${any.length ? ` (reported: ${JSON.stringify(any)})` : ''}`,
      ];
    }
    return found.some((d) => d.kind === e.kind)
      ? []
      : [`${at}: reported as ${found.map((d) => d.kind).join(', ')}, expected ${e.kind}`];
  }
  return [];
}

function describe(e: ExpectedRow): string {
  switch (e.outcome) {
    case 'clip':
      return `clip on ${e.file}`;
    case 'invalid':
      return `invalid (${e.reasons.join(', ')}) on ${e.file}`;
    case 'unmatched':
      return `unmatched: ${e.reason}`;
    case 'sheet_invalid':
      return `sheet-invalid: ${e.kind}`;
    case 'duplicate':
      return `${e.kind} duplicate of row ${e.duplicate_of}`;
  }
}

function summary(rows: readonly ObservedRow[]): string {
  return rows.map((r) => `${r.outcome} [${r.row_key}]`).join(', ');
}

const nfc = (s: string | null) => (s === null ? null : s.normalize('NFC'));

/**
 * A run's outcome keyed by row key, in comparable form: what each row became
 * (outcome, file, frames, reasons by kind). Two runs over the same inputs
 * must give equal snapshots whatever happened during them.
 */
export function outcomeSnapshot(observed: Pick<Observed, 'rows' | 'clips'>): Map<string, string> {
  const clips = new Map(observed.clips.map((c) => [c.id, c] as const));
  const snapshot = new Map<string, string>();
  for (const row of observed.rows) {
    if (row.outcome === 'removed') continue;
    const clip = row.clip_id ? clips.get(row.clip_id) : undefined;
    const detail =
      row.outcome === 'unmatched'
        ? unmatchedReasonKind(row.reason)
        : clip
          ? `${nfc(clip.file)} ${clip.rate} ${clip.in_frame}-${clip.out_frame} ${clip.status} ${reasonKinds(clip.reasons).join(',')}`
          : `no clip (${row.clip_id})`;
    snapshot.set(`${row.tab}|${row.row_key}`, `${row.outcome}: ${detail}`);
  }
  return snapshot;
}

/** Differences between two snapshots (reference first), at most `limit` lines plus a count. */
export function compareSnapshots(reference: Map<string, string>, actual: Map<string, string>, limit = 20): string[] {
  const lines: string[] = [];
  for (const [key, want] of reference) {
    const got = actual.get(key);
    if (got === undefined) lines.push(`${key}: lost (reference: ${want})`);
    else if (got !== want) lines.push(`${key}: ${got} (reference: ${want})`);
  }
  for (const [key, got] of actual) if (!reference.has(key)) lines.push(`${key}: extra ${got}`);
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}
