import { parse } from 'csv-parse/sync';
import * as path from 'node:path';
import type { RawTab } from '../hand-log/parse-hand-log';
import { decodeText, detectDelimiter } from './text-decoding';

/**
 * A CSV export as one tab named after the file. One record is one sheet row
 * (a quoted cell may span lines), so row numbers match the sheet's.
 */
export function readCsv(bytes: Uint8Array, filePath: string): RawTab {
  const text = decodeText(bytes);
  const rows: string[][] = parse(text, {
    delimiter: detectDelimiter(text),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
  });
  return { name: path.basename(filePath, path.extname(filePath)), rows, firstRow: 1 };
}
