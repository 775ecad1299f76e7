import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FRAME_RATE_29_97 } from '@pokervod/timecode';
import { readCsv } from '../sources/csv-reader';
import { readXlsx } from '../sources/xlsx-reader';
import { aliasTable } from './columns';
import { parseHandLog } from './parse-hand-log';
import { HIGH_FRAME_RATE } from './validate';

const SAMPLES = path.resolve(__dirname, '../../../../samples/hand-log');
const options = { aliases: aliasTable(), rates: [FRAME_RATE_29_97, HIGH_FRAME_RATE] };

describe('the sample hand log (samples/hand-log, the default source)', () => {
  it('reads the same rows from its CSV and XLSX exports; the rows bad at the sheet’s edge are reported', async () => {
    const csv = parseHandLog([readCsv(readFileSync(path.join(SAMPLES, 'hand-log.csv')), 'hand-log.csv')], options);
    const xlsx = parseHandLog((await readXlsx(readFileSync(path.join(SAMPLES, 'hand-log.xlsx')), null)).tabs, options);
    const rows = (p: typeof csv) => p.rows.map((r) => [r.key, r.rowNumber, r.row]);
    expect(rows(xlsx)).toEqual(rows(csv));
    expect(csv.rows.length).toBeGreaterThanOrEqual(30);
    expect(csv.invalid.map(({ row, reason }) => [row, reason])).toEqual([
      [37, 'missing file name'],
      [38, expect.stringMatching(/^unparseable in "TBD"/)],
      [39, 'out (00:00:01) is not after in (00:00:02)'],
    ]);
    expect(xlsx.invalid.map(({ row, reason }) => [row, reason])).toEqual(
      csv.invalid.map(({ row, reason }) => [row, reason]),
    );
    // Header on row 3 (Korean), the first hand on row 4; the editor column is kept as extra.
    expect(csv.rows[0]).toMatchObject({
      rowNumber: 4,
      row: { tags: ['bluff', 'hero-call'], extra: { 편집자: 'minji' } },
    });
    expect(new Set(csv.rows.map((r) => r.key)).size).toBe(csv.rows.length);
  });
});
