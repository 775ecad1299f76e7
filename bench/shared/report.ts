import type { LatencyResult } from './drivers';
import type { LatencySummary, ThroughputResult } from './stats';

export interface BenchResults {
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  inMemory: {
    latency: { messaging: LatencyResult; bare: LatencyResult };
    throughput: { messaging: ThroughputResult; bare: ThroughputResult };
    requestReply: { messaging: LatencySummary; bare: LatencySummary };
  };
  /** The Postgres bus, a transaction per delivery (`--pg-paths single`). */
  postgres: PostgresResult | null;
  /** The Postgres bus with the handler registered `batch: true` (`--pg-paths batch`). */
  postgresBatched: PostgresResult | null;
  targets: TargetCheck[];
  /** Every non-informational target met. */
  pass: boolean;
}

export interface PostgresResult {
  latency: LatencyResult;
  throughput: ThroughputResult;
  inboxRows: number;
  outboxRows: number;
  /** Deliveries per batch transaction during the throughput run (null: no batches). */
  meanBatchSize: number | null;
}

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  limit: number;
  pass: boolean;
  /** Informational: shown, but not part of `pass`. */
  info: boolean;
}

/** The targets: p50 within 1.5× bare, p99 < 10 ms, ≥ 5,000 events/s. */
export function checkTargets(r: Omit<BenchResults, 'targets' | 'pass'>): TargetCheck[] {
  const m = r.inMemory;
  const checks: TargetCheck[] = [
    ratioCheck('event latency p50 ≤ 1.5× bare', m.latency.messaging.handled.p50, m.latency.bare.handled.p50, false),
    maxCheck('event latency p99 < 10 ms', m.latency.messaging.handled.p99, 10, false),
    minCheck('throughput ≥ 5,000 events/s', m.throughput.messaging.eventsPerSec, 5000, false),
    ratioCheck('request/reply p50 ≤ 1.5× bare', m.requestReply.messaging.p50, m.requestReply.bare.p50, false),
    maxCheck('request/reply p99 < 10 ms', m.requestReply.messaging.p99, 10, false),
  ];
  for (const [prefix, p] of [
    ['[pg]', r.postgres],
    ['[pg batched]', r.postgresBatched],
  ] as const) {
    if (!p) continue;
    const bare = m.throughput.bare.eventsPerSec;
    checks.push(
      ratioCheck(`${prefix} event latency p50 ≤ 1.5× bare`, p.latency.handled.p50, m.latency.bare.handled.p50, true),
      maxCheck(`${prefix} event latency p99 < 10 ms`, p.latency.handled.p99, 10, true),
      minCheck(`${prefix} throughput ≥ 5,000 events/s`, p.throughput.eventsPerSec, 5000, true),
      {
        name: `${prefix} throughput ≥ 0.5× bare`,
        target: `≥ 0.5× bare (${fmtInt(bare / 2)}/s)`,
        value: p.throughput.eventsPerSec,
        limit: bare / 2,
        pass: p.throughput.eventsPerSec >= bare / 2,
        info: true,
      },
    );
  }
  return checks;
}

function ratioCheck(name: string, value: number, bare: number, info: boolean): TargetCheck {
  const limit = 1.5 * bare;
  return { name, target: `≤ 1.5× bare (${fmtMs(limit)})`, value, limit, pass: value <= limit, info };
}
export function maxCheck(name: string, value: number, limit: number, info: boolean): TargetCheck {
  return { name, target: `< ${limit} ms`, value, limit, pass: value < limit, info };
}
function minCheck(name: string, value: number, limit: number, info: boolean): TargetCheck {
  return { name, target: `≥ ${fmtInt(limit)}/s`, value, limit, pass: value >= limit, info };
}

export const fmtMs = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(3);
export const fmtInt = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : Math.round(v).toLocaleString('en-US');
const fmtRatio = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined || !b ? '—' : `${(a / b).toFixed(2)}×`;

type Row = [metric: string, messaging: string, bare: string, ratio: string, target: string, result: string];

export function verdict(check: TargetCheck | undefined): [string, string] {
  if (!check) return ['', ''];
  return [check.info ? `(info) ${check.target}` : check.target, check.pass ? 'PASS' : check.info ? 'miss' : 'MISS'];
}

/** The human-readable report: one table, metric | messaging | bare amqplib | ratio | target | result. */
export function renderTable(r: BenchResults): string {
  const t = (name: string) => r.targets.find((c) => c.name === name);
  const m = r.inMemory;
  const rows: (Row | string)[] = [];
  const lat = (
    label: string,
    bus: LatencySummary,
    bare: LatencySummary,
    key: keyof LatencySummary,
    check?: TargetCheck,
  ) => rows.push([label, fmtMs(bus[key]), fmtMs(bare[key]), fmtRatio(bus[key], bare[key]), ...verdict(check)]);

  rows.push('in-memory bus: sequential events');
  const bl = m.latency.messaging.handled;
  const rl = m.latency.bare.handled;
  lat('publish→handler p50 (ms)', bl, rl, 'p50', t('event latency p50 ≤ 1.5× bare'));
  lat('publish→handler p95 (ms)', bl, rl, 'p95');
  lat('publish→handler p99 (ms)', bl, rl, 'p99', t('event latency p99 < 10 ms'));
  lat('publish→handler max (ms)', bl, rl, 'max');
  lat('publish→confirm p50 (ms)', m.latency.messaging.confirmed, m.latency.bare.confirmed, 'p50');
  const bt = m.throughput.messaging;
  const rt = m.throughput.bare;
  rows.push('in-memory bus: throughput');
  rows.push([
    'end-to-end (events/s)',
    fmtInt(bt.eventsPerSec),
    fmtInt(rt.eventsPerSec),
    fmtRatio(bt.eventsPerSec, rt.eventsPerSec),
    ...verdict(t('throughput ≥ 5,000 events/s')),
  ]);
  rows.push([
    'publish confirmed (events/s)',
    fmtInt(bt.publishConfirmedPerSec),
    fmtInt(rt.publishConfirmedPerSec),
    fmtRatio(bt.publishConfirmedPerSec, rt.publishConfirmedPerSec),
    '',
    '',
  ]);
  rows.push([
    'node CPU per event (µs)',
    fmtInt(bt.cpuMicrosPerEvent),
    fmtInt(rt.cpuMicrosPerEvent),
    fmtRatio(bt.cpuMicrosPerEvent, rt.cpuMicrosPerEvent),
    '',
    '',
  ]);
  rows.push('request/reply (commands)');
  lat('round trip p50 (ms)', m.requestReply.messaging, m.requestReply.bare, 'p50', t('request/reply p50 ≤ 1.5× bare'));
  lat('round trip p99 (ms)', m.requestReply.messaging, m.requestReply.bare, 'p99', t('request/reply p99 < 10 ms'));
  lat('round trip max (ms)', m.requestReply.messaging, m.requestReply.bare, 'max');

  for (const [prefix, heading, p] of [
    ['[pg]', 'Postgres bus (inbox + outbox), a transaction per delivery', r.postgres],
    ['[pg batched]', 'Postgres bus (inbox + outbox), batched (handler option batch: true)', r.postgresBatched],
  ] as const) {
    if (!p) continue;
    rows.push(heading);
    lat('publish→handler p50 (ms)', p.latency.handled, rl, 'p50', t(`${prefix} event latency p50 ≤ 1.5× bare`));
    lat('publish→handler p95 (ms)', p.latency.handled, rl, 'p95');
    lat('publish→handler p99 (ms)', p.latency.handled, rl, 'p99', t(`${prefix} event latency p99 < 10 ms`));
    lat('publish→handler max (ms)', p.latency.handled, rl, 'max');
    if (p.latency.committed) {
      lat('publish→commit p50 (ms)', p.latency.committed, rl, 'p50');
      lat('publish→commit p99 (ms)', p.latency.committed, rl, 'p99');
    }
    rows.push([
      'end-to-end committed (events/s)',
      fmtInt(p.throughput.eventsPerSec),
      fmtInt(rt.eventsPerSec),
      fmtRatio(p.throughput.eventsPerSec, rt.eventsPerSec),
      ...verdict(t(`${prefix} throughput ≥ 5,000 events/s`)),
    ]);
    rows.push(['', '', '', '', ...verdict(t(`${prefix} throughput ≥ 0.5× bare`))]);
    rows.push([
      'node CPU per event (µs)',
      fmtInt(p.throughput.cpuMicrosPerEvent),
      fmtInt(rt.cpuMicrosPerEvent),
      fmtRatio(p.throughput.cpuMicrosPerEvent, rt.cpuMicrosPerEvent),
      '',
      '',
    ]);
    if (p.meanBatchSize !== null)
      rows.push(['deliveries per batch (mean)', p.meanBatchSize.toFixed(1), '', '', '', '']);
  }

  const header: Row = ['metric', 'messaging', 'bare amqplib', 'ratio', 'target', 'result'];
  const table = markdownTable(header, rows, (c) => c >= 1 && c < 4);
  const cfg = r.config;
  const intro =
    `sequential: ${cfg['events']} events (+${cfg['warmup']} warm-up) per path; throughput: ${fmtInt(Number(cfg['throughput']))} events, ` +
    `${cfg['window']} unconfirmed in flight${Number(cfg['rounds']) > 1 ? `, ${cfg['rounds']} rounds taking turns (median)` : ''}; request/reply: ${cfg['requests']} (+${cfg['requestWarmup']} warm-up); prefetch ${cfg['prefetch']}; ratio = messaging / bare`;
  const main = r.targets.filter((c) => !c.info);
  const summary =
    `targets: ${main.filter((c) => c.pass).length}/${main.length} met → ${r.pass ? 'PASS' : 'MISS'}` +
    (r.postgres || r.postgresBatched ? ' (Postgres rows are informational: lower-case "miss")' : '');
  return `${intro}\n\n${table}\n\n${summary}\n`;
}

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
