import { REQUIRED_HEADER_COLUMNS, SheetColumn, headerKey } from './columns';

/** Where a tab's header is and what each column holds. */
export interface HeaderMap {
  /** Index into the tab's rows (0 = the first row read). */
  rowIndex: number;
  /** Column index → canonical column. */
  columns: ReadonlyMap<number, SheetColumn>;
  /** Canonical column → its header text as typed (NFKC, trimmed). */
  titles: ReadonlyMap<SheetColumn, string>;
  /** Column index → header text, for columns kept as `extra`. */
  extra: ReadonlyMap<number, string>;
}

/** How many rows from the top are searched for the header (titles and notes may sit above it). */
export const DEFAULT_HEADER_SCAN_ROWS = 20;

/**
 * The first row within the first `scanRows` rows whose cells name at least
 * file name, in and out. A column named twice keeps the first; the others,
 * and any header that is no alias, become `extra`. Null: no header (a tab
 * that is not a hand log).
 */
export function detectHeader(
  rows: readonly (readonly string[])[],
  aliases: ReadonlyMap<string, SheetColumn>,
  scanRows = DEFAULT_HEADER_SCAN_ROWS,
): HeaderMap | null {
  for (let rowIndex = 0; rowIndex < Math.min(rows.length, scanRows); rowIndex++) {
    const header = mapHeaderRow(rows[rowIndex] ?? [], aliases);
    const found = new Set(header.columns.values());
    if (REQUIRED_HEADER_COLUMNS.every((c) => found.has(c))) return { rowIndex, ...header };
  }
  return null;
}

function mapHeaderRow(
  cells: readonly string[],
  aliases: ReadonlyMap<string, SheetColumn>,
): Pick<HeaderMap, 'columns' | 'titles' | 'extra'> {
  const columns = new Map<number, SheetColumn>();
  const titles = new Map<SheetColumn, string>();
  const extra = new Map<number, string>();
  const taken = new Set<SheetColumn>();
  cells.forEach((cell, index) => {
    const text = (cell ?? '').normalize('NFKC').trim();
    if (!text) return;
    const column = aliases.get(headerKey(text));
    if (column && !taken.has(column)) {
      taken.add(column);
      columns.set(index, column);
      titles.set(column, text);
    } else {
      extra.set(index, text);
    }
  });
  return { columns, titles, extra };
}
