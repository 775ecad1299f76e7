import { A1ParseError, CellBox, formatA1, parseA1Range } from './a1-range';
import { badRequest } from './google-error';

export type CellValue = string | number | boolean | null;

/** One tab. `rows[0]` is sheet row 1; rows may be ragged. */
export interface FakeTab {
  name: string;
  rows: CellValue[][];
  /** Grid size; default 1000 rows × 26 columns (a new Google sheet), grown to fit `rows`. */
  rowCount?: number;
  columnCount?: number;
}

export interface SpreadsheetSpec {
  title?: string;
  tabs: FakeTab[];
  /** Default `ko_KR` / `Asia/Seoul`: the editors' sheets. */
  locale?: string;
  timeZone?: string;
}

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type MajorDimension = 'ROWS' | 'COLUMNS';

export interface ValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: CellValue[][];
}

interface Tab {
  sheetId: number;
  name: string;
  rows: CellValue[][];
  rowCount: number;
  columnCount: number;
}

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;

/** One spreadsheet: its tabs and the Drive metadata that moves with every edit. */
export class Spreadsheet {
  title: string;
  locale: string;
  timeZone: string;
  tabs: Tab[] = [];
  /** Drive's `version`: a counter that only goes up. */
  version: number;
  createdTime: Date;
  modifiedTime: Date;

  constructor(
    readonly id: string,
    spec: SpreadsheetSpec,
    previous?: Spreadsheet,
  ) {
    this.title = spec.title ?? previous?.title ?? 'Hand log';
    this.locale = spec.locale ?? 'ko_KR';
    this.timeZone = spec.timeZone ?? 'Asia/Seoul';
    this.createdTime = previous?.createdTime ?? new Date();
    this.version = previous?.version ?? 0;
    this.modifiedTime = previous?.modifiedTime ?? new Date(0);
    const names = new Set<string>();
    for (const [index, tab] of spec.tabs.entries()) {
      if (names.has(tab.name)) throw new Error(`fake-google: spreadsheet ${id} has two tabs named "${tab.name}"`);
      names.add(tab.name);
      const rows = copyRows(tab.rows);
      this.tabs.push({
        // Google numbers the first tab 0 and others at random; a stable hash keeps ids across replacements.
        sheetId: index === 0 ? 0 : stableSheetId(tab.name),
        name: tab.name,
        rows,
        rowCount: Math.max(tab.rowCount ?? DEFAULT_ROWS, rows.length),
        columnCount: Math.max(tab.columnCount ?? DEFAULT_COLUMNS, widest(rows)),
      });
    }
    this.touch();
  }

  /** Records an edit: Drive's version goes up and modifiedTime moves forward (strictly, even within a millisecond). */
  touch(): void {
    this.version += 1;
    const now = Date.now();
    this.modifiedTime = new Date(Math.max(now, this.modifiedTime.getTime() + 1));
  }

  /** The tab with this exact name, else the only one matching case-insensitively (as Google resolves ranges). */
  findTab(name: string): Tab | undefined {
    const exact = this.tabs.find((t) => t.name === name);
    if (exact) return exact;
    const loose = this.tabs.filter((t) => t.name.toLowerCase() === name.toLowerCase());
    return loose.length === 1 ? loose[0] : undefined;
  }

  tab(name: string): Tab {
    const tab = this.findTab(name);
    if (!tab) throw new Error(`fake-google: spreadsheet ${this.id} has no tab "${name}"`);
    return tab;
  }

  /** Resolves an A1 range to a tab and a closed box inside its grid, or throws Google's 400. */
  resolve(range: string): { tab: Tab; box: Required<CellBox> } {
    let parsed;
    try {
      parsed = parseA1Range(range);
    } catch (err) {
      if (err instanceof A1ParseError) throw badRequest(err.message);
      throw err;
    }
    let tab: Tab | undefined;
    let cells: CellBox | undefined = parsed.cells;
    if (parsed.bareName !== undefined) {
      tab = this.findTab(parsed.bareName);
      if (tab) cells = undefined;
      else if (cells) tab = this.tabs[0];
    } else if (parsed.sheet !== undefined) {
      tab = this.findTab(parsed.sheet);
    }
    if (!tab) throw badRequest(`Unable to parse range: ${range}`);

    const box: Required<CellBox> = {
      startRow: cells?.startRow ?? 1,
      startCol: cells?.startCol ?? 1,
      endRow: cells?.endRow ?? tab.rowCount,
      endCol: cells?.endCol ?? tab.columnCount,
    };
    if (
      box.endRow > tab.rowCount ||
      box.endCol > tab.columnCount ||
      box.startRow > tab.rowCount ||
      box.startCol > tab.columnCount
    ) {
      throw badRequest(
        `Range (${formatA1(tab.name, box, { quote: 'always' })}) exceeds grid limits. Max rows: ${tab.rowCount}, max columns: ${tab.columnCount}`,
      );
    }
    return { tab, box };
  }

  /** `values.get` for one range, trimmed like Google: no trailing empty cells or rows, `values` absent when empty. */
  values(range: string, render: ValueRenderOption, major: MajorDimension): ValueRange {
    const { tab, box } = this.resolve(range);
    const grid: CellValue[][] = [];
    if (major === 'ROWS') {
      for (let r = box.startRow; r <= box.endRow; r++) {
        const line: CellValue[] = [];
        for (let c = box.startCol; c <= box.endCol; c++) line.push(cell(tab, r, c));
        grid.push(line);
      }
    } else {
      for (let c = box.startCol; c <= box.endCol; c++) {
        const line: CellValue[] = [];
        for (let r = box.startRow; r <= box.endRow; r++) line.push(cell(tab, r, c));
        grid.push(line);
      }
    }
    const values = trim(grid).map((line) => line.map((v) => renderValue(v, render)));
    const result: ValueRange = { range: formatA1(tab.name, box), majorDimension: major };
    if (values.length > 0) result.values = values;
    return result;
  }

  /** `spreadsheets.get`. `ranges` limits the tabs (and the grid data) to those ranges. */
  resource(options: { ranges?: string[]; includeGridData?: boolean } = {}): Record<string, unknown> {
    const wanted = options.ranges?.map((r) => this.resolve(r));
    const tabs = wanted ? this.tabs.filter((t) => wanted.some((w) => w.tab === t)) : this.tabs;
    return {
      spreadsheetId: this.id,
      properties: {
        title: this.title,
        locale: this.locale,
        autoRecalc: 'ON_CHANGE',
        timeZone: this.timeZone,
        defaultFormat: {},
      },
      sheets: tabs.map((tab) => {
        const sheet: Record<string, unknown> = {
          properties: {
            sheetId: tab.sheetId,
            title: tab.name,
            index: this.tabs.indexOf(tab),
            sheetType: 'GRID',
            gridProperties: { rowCount: tab.rowCount, columnCount: tab.columnCount },
          },
        };
        if (options.includeGridData) {
          const boxes = wanted?.filter((w) => w.tab === tab).map((w) => w.box) ?? [
            { startRow: 1, startCol: 1, endRow: tab.rowCount, endCol: tab.columnCount },
          ];
          sheet['data'] = boxes.map((box) => gridData(tab, box));
        }
        return sheet;
      }),
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${this.id}/edit`,
    };
  }

  /** The Drive v3 file resource (all fields; the server filters to `fields`). */
  driveFile(): Record<string, unknown> {
    return {
      kind: 'drive#file',
      id: this.id,
      name: this.title,
      mimeType: 'application/vnd.google-apps.spreadsheet',
      starred: false,
      trashed: false,
      version: String(this.version),
      webViewLink: `https://docs.google.com/spreadsheets/d/${this.id}/edit?usp=drivesdk`,
      createdTime: this.createdTime.toISOString(),
      modifiedTime: this.modifiedTime.toISOString(),
    };
  }

  // ---- edits (each one is a Drive revision) ----

  setRows(tabName: string, rows: CellValue[][]): void {
    const tab = this.tab(tabName);
    tab.rows = copyRows(rows);
    grow(tab);
    this.touch();
  }

  setCell(tabName: string, row: number, col: number, value: CellValue): void {
    const tab = this.tab(tabName);
    checkPosition(row, col);
    while (tab.rows.length < row) tab.rows.push([]);
    const line = tab.rows[row - 1];
    while (line.length < col) line.push(null);
    line[col - 1] = value;
    grow(tab);
    this.touch();
  }

  insertRows(tabName: string, beforeRow: number, rows: CellValue[][]): void {
    const tab = this.tab(tabName);
    checkPosition(beforeRow, 1);
    while (tab.rows.length < beforeRow - 1) tab.rows.push([]);
    tab.rows.splice(beforeRow - 1, 0, ...copyRows(rows));
    tab.rowCount += rows.length;
    grow(tab);
    this.touch();
  }

  deleteRow(tabName: string, row: number): void {
    const tab = this.tab(tabName);
    checkPosition(row, 1);
    if (row > tab.rowCount)
      throw new Error(`fake-google: row ${row} is past the grid of "${tabName}" (${tab.rowCount} rows)`);
    if (row <= tab.rows.length) tab.rows.splice(row - 1, 1);
    tab.rowCount -= 1;
    this.touch();
  }

  rows(tabName: string): CellValue[][] {
    return copyRows(this.tab(tabName).rows);
  }
}

function cell(tab: Tab, row: number, col: number): CellValue {
  return tab.rows[row - 1]?.[col - 1] ?? null;
}

function isEmpty(v: CellValue): boolean {
  return v === null || v === '';
}

function trim(grid: CellValue[][]): CellValue[][] {
  const lines = grid.map((line) => {
    let end = line.length;
    while (end > 0 && isEmpty(line[end - 1])) end--;
    return line.slice(0, end);
  });
  let last = lines.length;
  while (last > 0 && lines[last - 1].length === 0) last--;
  return lines.slice(0, last);
}

function renderValue(value: CellValue, render: ValueRenderOption): CellValue {
  if (value === null) return '';
  if (render !== 'FORMATTED_VALUE') return value;
  return formatted(value);
}

/** What the cell shows with the automatic number format. */
function formatted(value: Exclude<CellValue, null>): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return value;
}

function gridData(tab: Tab, box: Required<CellBox>): Record<string, unknown> {
  const rowData: Record<string, unknown>[] = [];
  const lastRow = Math.min(box.endRow, tab.rows.length);
  for (let r = box.startRow; r <= lastRow; r++) {
    const values: Record<string, unknown>[] = [];
    const lastCol = Math.min(box.endCol, tab.rows[r - 1].length);
    for (let c = box.startCol; c <= lastCol; c++) {
      const v = cell(tab, r, c);
      if (v === null) {
        values.push({});
        continue;
      }
      const typed =
        typeof v === 'number' ? { numberValue: v } : typeof v === 'boolean' ? { boolValue: v } : { stringValue: v };
      values.push({ userEnteredValue: typed, effectiveValue: typed, formattedValue: formatted(v) });
    }
    rowData.push(values.length > 0 ? { values } : {});
  }
  return { startRow: box.startRow - 1, startColumn: box.startCol - 1, rowData };
}

function copyRows(rows: CellValue[][]): CellValue[][] {
  return rows.map((line) => [...line]);
}

function widest(rows: CellValue[][]): number {
  return rows.reduce((max, line) => Math.max(max, line.length), 0);
}

function grow(tab: Tab): void {
  tab.rowCount = Math.max(tab.rowCount, tab.rows.length);
  tab.columnCount = Math.max(tab.columnCount, widest(tab.rows));
}

function checkPosition(row: number, col: number): void {
  if (!Number.isInteger(row) || row < 1 || !Number.isInteger(col) || col < 1) {
    throw new Error(`fake-google: rows and columns are 1-based integers, got row ${row}, column ${col}`);
  }
}

function stableSheetId(name: string): number {
  // FNV-1a, folded into Google's positive int32 range.
  let h = 0x811c9dc5;
  for (const ch of name) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1 || 1;
}
