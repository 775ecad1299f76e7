import {
  TargetCheck,
  check,
  fmtInt,
  fmtMs,
  markdownTable,
  maxCheck,
  minCheck,
  targetsLine,
  verdict,
} from '../shared/report';
import type { LatencySummary } from '../shared/stats';
import type { Config } from './config';
import type { LatencyResult, ThroughputResult } from './drivers';

export interface BusResults {
  inMemory: {
    latency: { messaging: LatencyResult; bare: LatencyResult };
    throughput: { messaging: ThroughputResult; bare: ThroughputResult };
    requestReply: { messaging: LatencySummary; bare: LatencySummary };
  };
  /** The Postgres bus, a transaction per delivery (`--pg-paths single`). */
  postgres: PostgresResult | null;
  /** The Postgres bus with the handler registered `batch: true` (`--pg-paths batch`). */
  postgresBatched: PostgresResult | null;
}

export interface PostgresResult {
  latency: LatencyResult;
  throughput: ThroughputResult;
  inboxRows: number;
  outboxRows: number;
  /** Deliveries per batch transaction during the throughput run (null: no batches). */
  meanBatchSize: number | null;
}

/** The targets: p50 within 1.5× bare, p99 < 10 ms, ≥ 5,000 events/s. */
export function checkTargets(r: BusResults): TargetCheck[] {
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
      check(
        `${prefix} throughput ≥ 0.5× bare`,
        `≥ 0.5× bare (${fmtInt(bare / 2)}/s)`,
        p.throughput.eventsPerSec,
        bare / 2,
        p.throughput.eventsPerSec >= bare / 2,
        true,
      ),
    );
  }
  return checks;
}

function ratioCheck(name: string, value: number, bare: number, info: boolean): TargetCheck {
  const limit = 1.5 * bare;
  return check(name, `≤ 1.5× bare (${fmtMs(limit)})`, value, limit, value <= limit, info);
}

const fmtRatio = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined || !b ? '—' : `${(a / b).toFixed(2)}×`;

type Row = [metric: string, messaging: string, bare: string, ratio: string, target: string, result: string];

/** The human-readable report: one table, metric | messaging | bare amqplib | ratio | target | result. */
export function renderTable(r: BusResults, targets: TargetCheck[], cfg: Config): string {
  const t = (name: string) => targets.find((c) => c.name === name);
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
  const intro =
    `sequential: ${cfg.events} events (+${cfg.warmup} warm-up) per path; throughput: ${fmtInt(cfg.throughput)} events, ` +
    `${cfg.window} unconfirmed in flight${cfg.rounds > 1 ? `, ${cfg.rounds} rounds taking turns (median)` : ''}; ` +
    `request/reply: ${cfg.requests} (+${cfg.requestWarmup} warm-up); prefetch ${cfg.prefetch}; ratio = messaging / bare`;
  const summary =
    targetsLine(targets) +
    (r.postgres || r.postgresBatched ? ' (Postgres rows are informational: lower-case "miss")' : '');
  return `${intro}\n\n${table}\n\n${summary}\n`;
}
