import { parse } from 'csv-parse/sync';
import { CellValue, FakeTab } from './spreadsheet';

/**
 * A tab from CSV text (a Sheets "Download → CSV"), typed as Sheets would
 * store it: a cell whose text survives `String(Number(text))` (`12`, `3.5`)
 * becomes a number, anything else (`00:00:01`, `184,000`, `#bluff`) stays text,
 * and an empty cell is empty.
 */
export function tabFromCsv(name: string, csv: string | Buffer): FakeTab {
  const records: string[][] = parse(csv, { relax_column_count: true, bom: true });
  return { name, rows: records.map((record) => record.map(typedCell)) };
}

function typedCell(text: string): CellValue {
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}
