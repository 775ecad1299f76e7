/**
 * What every benchmark's report is made of: targets (aims) with a verdict,
 * number formats, a Markdown table that lines up in a terminal, and the note
 * about a loaded machine.
 */

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  limit: number;
  pass: boolean;
  /** Informational: shown, but not part of `pass`. */
  info: boolean;
}

export function check(
  name: string,
  target: string,
  value: number,
  limit: number,
  pass: boolean,
  info = false,
): TargetCheck {
  return { name, target, value, limit, pass, info };
}

/** `value < limit` ms. */
export function maxCheck(name: string, value: number, limit: number, info = false): TargetCheck {
  return check(name, `< ${limit} ms`, value, limit, value < limit, info);
}

/** `value ≥ limit` per second. */
export function minCheck(name: string, value: number, limit: number, info = false): TargetCheck {
  return check(name, `≥ ${fmtInt(limit)}/s`, value, limit, value >= limit, info);
}

/** Every non-informational target met. */
export const allMet = (targets: readonly TargetCheck[]): boolean => targets.every((t) => t.info || t.pass);

/** `aims: 3/4 met → MISS` (informational targets not counted). */
export function targetsLine(targets: readonly TargetCheck[], word = 'targets'): string {
  const main = targets.filter((t) => !t.info);
  return `${word}: ${main.filter((t) => t.pass).length}/${main.length} met → ${allMet(targets) ? 'PASS' : 'MISS'}`;
}

/** The target and result cells of a table row; informational misses in lower case. */
export function verdict(check: TargetCheck | undefined): [string, string] {
  if (!check) return ['', ''];
  return [check.info ? `(info) ${check.target}` : check.target, check.pass ? 'PASS' : check.info ? 'miss' : 'MISS'];
}

const missing = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || Number.isNaN(v);

export const fmtMs = (v: number | null | undefined): string => (missing(v) ? '—' : v.toFixed(3));
export const fmtInt = (v: number | null | undefined): string =>
  missing(v) ? '—' : Math.round(v).toLocaleString('en-US');
/** One or two decimals; '—' for NaN. */
export const f1 = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(1));
export const f2 = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(2));

/**
 * A Markdown table padded to line up in a terminal: a string row is a bold
 * section heading; `numeric(c)` columns are right-aligned, the others left.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[] | string)[],
  numeric: (column: number) => boolean,
): string {
  const all = rows.map((row) => (typeof row === 'string' ? [`**${row}**`, ...header.slice(1).map(() => '')] : row));
  const widths = header.map((h, c) => Math.max(h.length, ...all.map((row) => row[c].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`;
  const sep = `|${widths.map((w, c) => (numeric(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), sep, ...all.map(line)].join('\n');
}

/** Other processes competing for the CPUs make every number noisier; say so (from the load before the run). */
export function loadNote(meta: Record<string, unknown>): string {
  const cpus = Number(meta['cpus']) || 1;
  const [load1] = meta['loadAverage'] as number[];
  return load1 > cpus * 0.75
    ? `note: the 1-min load average was ${load1} on ${cpus} CPUs when the run started: ` +
        `other work was competing for CPU (or a previous run just ended), expect noisy numbers.\n`
    : '';
}
