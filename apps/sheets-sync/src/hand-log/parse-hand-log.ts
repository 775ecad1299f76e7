import type { SheetRow } from '@pokervod/contracts';
import { FrameRate, parseTimecode } from '@pokervod/timecode';
import type { SheetColumn } from './columns';
import { DEFAULT_HEADER_SCAN_ROWS, detectHeader } from './header';
import { DuplicateRow, findDuplicates } from './duplicates';
import { toSheetRow } from './normalize';
import { baseRowKey, contentHash, disambiguate } from './row-key';
import { checkRow, keyTimecode } from './validate';

/** One tab as a source read it: cell text, row by row. */
export interface RawTab {
  name: string;
  rows: string[][];
  /** Sheet row number of `rows[0]` (1 unless the source skipped leading rows). */
  firstRow: number;
}

export interface KeyedRow {
  key: string;
  tab: string;
  rowNumber: number;
  row: SheetRow;
  hash: string;
}

export interface InvalidRow {
  tab: string;
  row: number;
  reason: string;
}

export interface ParsedHandLog {
  rows: KeyedRow[];
  invalid: InvalidRow[];
  /** Valid rows left out because they repeat a kept row (exact copies, ID conflicts): never stored. */
  duplicates: DuplicateRow[];
  /**
   * Keys an invalid row would have had, where they can be told (an `id`, or
   * file + a readable in-point): a stored row with such a key is kept rather
   * than removed while the editor fixes the row.
   */
  protectedKeys: Set<string>;
  /** Positions of invalid rows: the stored row at the same place is kept too. */
  invalidPositions: { tab: string; row: number }[];
  /** Tabs with no header row in reach: not hand logs, or a header someone broke. */
  headerless: string[];
  /** Non-blank data rows, valid or not, duplicates included. */
  rowsRead: number;
}

export interface ParseOptions {
  aliases: ReadonlyMap<string, SheetColumn>;
  /** Rates SMPTE labels are tried at, in order (see checkRow). */
  rates: readonly FrameRate[];
  headerScanRows?: number;
}

/**
 * Raw tabs → keyed, normalized, checked rows (pure). Tabs are taken in
 * order, rows top to bottom: that order decides which of two duplicate rows
 * is kept, then numbers the keys rows still share (same file and in-point).
 */
export function parseHandLog(tabs: readonly RawTab[], options: ParseOptions): ParsedHandLog {
  const candidates: { inPoint: string; tab: string; rowNumber: number; row: SheetRow }[] = [];
  const result: ParsedHandLog = {
    rows: [],
    invalid: [],
    duplicates: [],
    protectedKeys: new Set(),
    invalidPositions: [],
    headerless: [],
    rowsRead: 0,
  };
  for (const tab of tabs) {
    const header = detectHeader(tab.rows, options.aliases, options.headerScanRows ?? DEFAULT_HEADER_SCAN_ROWS);
    if (!header) {
      result.headerless.push(tab.name);
      continue;
    }
    for (let i = header.rowIndex + 1; i < tab.rows.length; i++) {
      const row = toSheetRow(tab.rows[i] ?? [], header);
      if (!row) continue;
      result.rowsRead++;
      const rowNumber = tab.firstRow + i;
      const check = checkRow(row, options.rates);
      if (check.ok) {
        candidates.push({ inPoint: keyTimecode(check.inPoint), tab: tab.name, rowNumber, row });
        continue;
      }
      result.invalid.push({ tab: tab.name, row: rowNumber, reason: check.reason });
      result.invalidPositions.push({ tab: tab.name, row: rowNumber });
      const key = wouldBeKey(row, options.rates);
      if (key) result.protectedKeys.add(key);
    }
  }
  const { kept, duplicates } = findDuplicates(candidates);
  result.duplicates = duplicates;
  const keys = disambiguate(kept.map((c) => baseRowKey(c.row, c.inPoint)));
  result.rows = kept.map((c, i) => ({
    key: keys[i] as string,
    tab: c.tab,
    rowNumber: c.rowNumber,
    row: c.row,
    hash: contentHash(c.row),
  }));
  return result;
}

function wouldBeKey(row: SheetRow, rates: readonly FrameRate[]): string | null {
  if (row.id) return baseRowKey(row, '');
  if (!row.file_name) return null;
  for (const rate of rates) {
    const inPoint = parseTimecode(row.in, rate);
    if (inPoint.ok) return baseRowKey(row, keyTimecode(inPoint.timecode));
  }
  return null;
}
