/**
 * A1 notation as the Sheets v4 API reads it: `Tab`, `'Tab with spaces'!A1:Z`,
 * `Tab!A3:F`, `A1:B2` (first tab), `Tab!A:C`, `Tab!2:5`, `$A$1`.
 * Rows and columns are 1-based and inclusive; an open end is `undefined`.
 */
export interface CellBox {
  startRow: number;
  startCol: number;
  endRow?: number;
  endCol?: number;
}

export interface ParsedRange {
  /** The tab named before `!` (quotes removed); `undefined` when the range names no tab. */
  sheet?: string;
  /** The cells after `!`; `undefined` when the range is a whole tab. */
  cells?: CellBox;
  /**
   * Set when the text has no `!` and is not quoted: it is a tab name if such a
   * tab exists, otherwise cells on the first tab (`cells` is then set too, if it parses).
   */
  bareName?: string;
}

export class A1ParseError extends Error {
  constructor(readonly range: string) {
    super(`Unable to parse range: ${range}`);
    this.name = 'A1ParseError';
  }
}

/** Sheets' largest column is ZZZ (18,278); rows go up to 10 million cells' worth, so no tighter bound here. */
const MAX_COLUMN = 18_278;

const CELL_REF = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses a range; throws {@link A1ParseError} with Google's message when it cannot. */
export function parseA1Range(text: string): ParsedRange {
  const range = text.trim();
  if (range === '') throw new A1ParseError(text);

  if (range.startsWith("'")) {
    const { name, rest } = readQuotedName(range, text);
    if (rest === '') return { sheet: name };
    if (!rest.startsWith('!')) throw new A1ParseError(text);
    return { sheet: name, cells: parseCells(rest.slice(1), text) };
  }

  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    const name = range.slice(0, bang);
    if (name === '') throw new A1ParseError(text);
    return { sheet: name, cells: parseCells(range.slice(bang + 1), text) };
  }

  let cells: CellBox | undefined;
  try {
    cells = parseCells(range, text);
  } catch {
    cells = undefined;
  }
  return { bareName: range, cells };
}

function readQuotedName(range: string, original: string): { name: string; rest: string } {
  let name = '';
  let i = 1;
  while (i < range.length) {
    const ch = range[i];
    if (ch === "'") {
      // `''` inside quotes is one apostrophe (`'Joe''s hands'`).
      if (range[i + 1] === "'") {
        name += "'";
        i += 2;
        continue;
      }
      if (name === '') throw new A1ParseError(original);
      return { name, rest: range.slice(i + 1) };
    }
    name += ch;
    i++;
  }
  throw new A1ParseError(original);
}

interface CellRef {
  col?: number;
  row?: number;
}

function parseRef(text: string, original: string): CellRef {
  const m = CELL_REF.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new A1ParseError(original);
  const col = m[1] === undefined ? undefined : columnNumber(m[1]);
  const row = m[2] === undefined ? undefined : Number(m[2]);
  if (col !== undefined && col > MAX_COLUMN) throw new A1ParseError(original);
  if (row !== undefined && (row < 1 || !Number.isSafeInteger(row))) throw new A1ParseError(original);
  return { col, row };
}

function parseCells(text: string, original: string): CellBox {
  const parts = text.split(':');
  if (parts.length > 2) throw new A1ParseError(original);
  const start = parseRef(parts[0], original);
  if (parts.length === 1) {
    // A single reference must name one cell: `A1`, not `A` or `1`.
    if (start.col === undefined || start.row === undefined) throw new A1ParseError(original);
    return { startRow: start.row, startCol: start.col, endRow: start.row, endCol: start.col };
  }
  const end = parseRef(parts[1], original);
  const box: CellBox = {
    startRow: start.row ?? 1,
    startCol: start.col ?? 1,
    endRow: end.row,
    endCol: end.col,
  };
  // `B2:A1` means `A1:B2`.
  if (box.endRow !== undefined && box.endRow < box.startRow) [box.startRow, box.endRow] = [box.endRow, box.startRow];
  if (box.endCol !== undefined && box.endCol < box.startCol) [box.startCol, box.endCol] = [box.endCol, box.startCol];
  return box;
}

/** `A` → 1, `Z` → 26, `AA` → 27 (case-insensitive). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → `A`, 26 → `Z`, 27 → `AA`. */
export function columnLetters(n: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    out = String.fromCharCode(65 + digit) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

/**
 * The tab name as Google writes it in a returned `range`: bare when it is a
 * plain ASCII identifier that cannot be read as a cell, quoted otherwise.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * `'Hand log'!A1:Z1000`, or `Tab!B2` for one cell. The box must be closed.
 * Error messages quote every tab name (`quote: 'always'`).
 */
export function formatA1(sheet: string, box: Required<CellBox>, options: { quote?: 'always' } = {}): string {
  const start = `${columnLetters(box.startCol)}${box.startRow}`;
  const end = `${columnLetters(box.endCol)}${box.endRow}`;
  const name = options.quote === 'always' ? `'${sheet.replace(/'/g, "''")}'` : quoteSheetName(sheet);
  return `${name}!${start === end ? start : `${start}:${end}`}`;
}
