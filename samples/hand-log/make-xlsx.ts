/**
 * Writes hand-log.xlsx from hand-log.csv: one tab holding exactly the CSV's
 * cells, so a CSV source and an XLSX source give the same rows.
 *
 *   SWC_NODE_PROJECT=samples/hand-log/tsconfig.json node -r @swc-node/register samples/hand-log/make-xlsx.ts
 *
 * Cells that read back as the same text through `String(Number(text))`
 * (`12`, `3.5`) are stored as numbers, as Google Sheets stores typed
 * numbers; everything else (`00:00:01`, `184,000`, `#bluff`) stays text
 * (`tabFromCsv` from @pokervod/fake-google, which serves the same file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { tabFromCsv } from '@pokervod/fake-google';

const TAB_NAME = '핸드 로그';
/** Dates inside the file (workbook properties, zip entry times) are pinned so the bytes change only with the data. */
const PINNED_TIME = Date.UTC(2024, 9, 1, 0, 0, 0);

async function main(): Promise<void> {
  const csvPath = path.join(__dirname, 'hand-log.csv');
  const xlsxPath = path.join(__dirname, 'hand-log.xlsx');
  // Typed as the fake Google sheet serves the same file, so all three sources agree.
  const { rows } = tabFromCsv(TAB_NAME, readFileSync(csvPath));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PokerVOD samples';
  workbook.created = new Date(PINNED_TIME);
  workbook.modified = new Date(PINNED_TIME);
  const sheet = workbook.addWorksheet(TAB_NAME);
  for (const row of rows) sheet.addRow(row);
  // Wrapped text, so multi-line tag cells look as they do in the sheet.
  sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' })));

  const buffer = await withPinnedClock(() => workbook.xlsx.writeBuffer());
  writeFileSync(xlsxPath, Buffer.from(buffer));
  console.log(`${path.relative(process.cwd(), xlsxPath)}: ${rows.length} rows in tab "${TAB_NAME}"`);
}

/** JSZip stamps each zip entry with `new Date()`; run `fn` with the clock pinned to {@link PINNED_TIME}. */
async function withPinnedClock<T>(fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class PinnedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(PINNED_TIME);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return PINNED_TIME;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
