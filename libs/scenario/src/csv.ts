/**
 * Cells → CSV as Google Sheets' "Download → CSV" writes it: UTF-8 without
 * BOM, CRLF between rows, a field quoted when it holds `,` `"` or a line
 * break (quotes doubled), every row as wide as the widest.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows
    .map((row) => Array.from({ length: width }, (_, i) => field(row[i] ?? '')).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
