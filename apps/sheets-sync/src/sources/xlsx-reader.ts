import ExcelJS from 'exceljs';
import type { RawTab } from '../hand-log/parse-hand-log';

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Every worksheet of an XLSX export (or the one named), in workbook order,
 * as the cell text the sheet shows: numbers and times through their number
 * format, formulas by their result, rich text and links by their text. A
 * merged range holds its value in the top-left cell only, as Google's API
 * returns it.
 */
export async function readXlsx(
  bytes: Uint8Array,
  onlyTab: string | null,
): Promise<{ tabs: RawTab[]; missing: string | null }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const tabs: RawTab[] = [];
  for (const sheet of workbook.worksheets) {
    if (onlyTab !== null && sheet.name !== onlyTab) continue;
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(xlsxCellText(row.getCell(c)));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    tabs.push({ name: sheet.name, rows, firstRow: 1 });
  }
  const missing = onlyTab !== null && tabs.length === 0 ? onlyTab : null;
  return { tabs, missing };
}

type CellLike = Pick<ExcelJS.Cell, 'value' | 'numFmt'> & { isMerged?: boolean; master?: unknown; result?: unknown };

export function xlsxCellText(cell: CellLike): string {
  if (cell.isMerged && cell.master !== undefined && cell.master !== cell) return '';
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatSerial((value.getTime() - EXCEL_EPOCH) / DAY_MS, numFmt, true);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      formula?: string;
      sharedFormula?: string;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if (v.formula !== undefined || v.sharedFormula !== undefined) return valueText(v.result, numFmt);
    if (v.text !== undefined) return valueText(v.text, numFmt);
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** The first section of a number format, without colours, conditions and quoted literals. */
function formatCore(numFmt: string): string {
  const first = numFmt.split(';')[0] ?? '';
  return first.replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '').replace(/"[^"]*"/g, '');
}

function isTimeFormat(core: string): boolean {
  return /h|s|\[m+\]/i.test(core.replace(/\\./g, ''));
}

function isDateFormat(core: string): boolean {
  return /[yd]|mmm/i.test(core.replace(/\\./g, ''));
}

function formatNumber(value: number, numFmt: string | undefined): string {
  const fmt = numFmt ?? 'General';
  if (!fmt || fmt === 'General' || fmt === '@') return String(value);
  const core = formatCore(fmt);
  if (isTimeFormat(core) || isDateFormat(core)) return formatSerial(value, fmt, false);
  const decimals = /\.([0#]+)/.exec(core)?.[1]?.length ?? 0;
  const percent = core.includes('%');
  const shown = percent ? value * 100 : value;
  const grouped = /[#0],[#0]/.test(core);
  const text = shown.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
  const prefix =
    /^[^#0?.,]*/.exec(
      (numFmt ?? '')
        .split(';')[0]
        ?.replace(/"([^"]*)"/g, '$1')
        .replace(/\[[^\]]*\]/g, '') ?? '',
    )?.[0] ?? '';
  return `${prefix.replace(/[\\_*]./g, '').trim()}${text}${percent ? '%' : ''}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date/time serial (days since 1899-12-30) through a date or time format. */
function formatSerial(serial: number, numFmt: string | undefined, fromDate: boolean): string {
  const core = formatCore(numFmt ?? '');
  const time = isTimeFormat(core);
  const date = isDateFormat(core) || (fromDate && !time);
  const totalMs = Math.round(serial * DAY_MS);
  const elapsed = /\[h+\]/i.test(core);
  const dayMs = elapsed ? totalMs : ((totalMs % DAY_MS) + DAY_MS) % DAY_MS;
  const hours = Math.floor(dayMs / 3_600_000);
  const minutes = Math.floor(dayMs / 60_000) % 60;
  const seconds = Math.floor(dayMs / 1000) % 60;
  const millis = dayMs % 1000;
  const fraction = /s+\.(0+)/i.exec(core)?.[1]?.length ?? 0;
  const hasHours = /h/i.test(core) || !time;
  const clock = [...(hasHours ? [/hh/i.test(core) ? pad(hours) : String(hours)] : []), pad(minutes), pad(seconds)].join(
    ':',
  );
  const timeText = fraction > 0 ? `${clock}.${pad(millis, 3).slice(0, fraction)}` : clock;
  if (!date) return timeText;
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS);
  const dateText = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return time || dayMs !== 0 ? `${dateText} ${timeText}` : dateText;
}
