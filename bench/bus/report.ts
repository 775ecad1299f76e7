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
  postgres: {
    latency: LatencyResult;
    throughput: ThroughputResult;
    inboxRows: number;
    outboxRows: number;
  } | null;
  targets: TargetCheck[];
  /** Every non-informational target met. */
  pass: boolean;
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
  if (r.postgres) {
    const p = r.postgres;
    checks.push(
      ratioCheck('[pg] event latency p50 ≤ 1.5× bare', p.latency.handled.p50, m.latency.bare.handled.p50, true),
      maxCheck('[pg] event latency p99 < 10 ms', p.latency.handled.p99, 10, true),
      minCheck('[pg] throughput ≥ 5,000 events/s', p.throughput.eventsPerSec, 5000, true),
    );
  }
  return checks;
}

function ratioCheck(name: string, value: number, bare: number, info: boolean): TargetCheck {
  const limit = 1.5 * bare;
  return { name, target: `≤ 1.5× bare (${fmtMs(limit)})`, value, limit, pass: value <= limit, info };
}
function maxCheck(name: string, value: number, limit: number, info: boolean): TargetCheck {
  return { name, target: `< ${limit} ms`, value, limit, pass: value < limit, info };
}
function minCheck(name: string, value: number, limit: number, info: boolean): TargetCheck {
  return { name, target: `≥ ${fmtInt(limit)}/s`, value, limit, pass: value >= limit, info };
}

const fmtMs = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(3);
const fmtInt = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : Math.round(v).toLocaleString('en-US');
const fmtRatio = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined || !b ? '—' : `${(a / b).toFixed(2)}×`;

type Row = [metric: string, messaging: string, bare: string, ratio: string, target: string, result: string];

function verdict(check: TargetCheck | undefined): [string, string] {
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

  if (r.postgres) {
    const p = r.postgres;
    rows.push('Postgres bus (inbox + outbox)');
    lat('publish→handler p50 (ms)', p.latency.handled, rl, 'p50', t('[pg] event latency p50 ≤ 1.5× bare'));
    lat('publish→handler p95 (ms)', p.latency.handled, rl, 'p95');
    lat('publish→handler p99 (ms)', p.latency.handled, rl, 'p99', t('[pg] event latency p99 < 10 ms'));
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
      ...verdict(t('[pg] throughput ≥ 5,000 events/s')),
    ]);
    rows.push([
      'node CPU per event (µs)',
      fmtInt(p.throughput.cpuMicrosPerEvent),
      fmtInt(rt.cpuMicrosPerEvent),
      fmtRatio(p.throughput.cpuMicrosPerEvent, rt.cpuMicrosPerEvent),
      '',
      '',
    ]);
  }

  const header: Row = ['metric', 'messaging', 'bare amqplib', 'ratio', 'target', 'result'];
  const all: Row[] = rows.map((row) => (typeof row === 'string' ? [`**${row}**`, '', '', '', '', ''] : row));
  const widths = header.map((h, c) => Math.max(h.length, ...all.map((row) => row[c].length)));
  const line = (row: Row) =>
    `| ${row.map((cell, c) => (c === 0 || c >= 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const sep = `|${widths.map((w, c) => (c === 0 || c >= 4 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [line(header), sep, ...all.map(line)];
  const cfg = r.config;
  const intro =
    `sequential: ${cfg['events']} events (+${cfg['warmup']} warm-up) per path; throughput: ${fmtInt(Number(cfg['throughput']))} events, ` +
    `${cfg['window']} unconfirmed in flight; request/reply: ${cfg['requests']} (+${cfg['requestWarmup']} warm-up); prefetch ${cfg['prefetch']}; ratio = messaging / bare`;
  const main = r.targets.filter((c) => !c.info);
  const summary =
    `targets: ${main.filter((c) => c.pass).length}/${main.length} met → ${r.pass ? 'PASS' : 'MISS'}` +
    (r.postgres ? ' (Postgres rows are informational: lower-case "miss")' : '');
  return `${intro}\n\n${out.join('\n')}\n\n${summary}\n`;
}
