import { TargetCheck, check, f1, fmtInt, fmtMs, markdownTable, maxCheck, targetsLine, verdict } from '../shared/report';
import type { LatencySummary } from '../shared/stats';
import type { OrchestratorResults } from './phases';

/**
 * The aims of the issue: < 5 ms p99 per transition; RSS < 150 MB after the
 * runs; the system's target is 512 MB (docs/architecture.md#performance-targets).
 */
export const AIMS = { transitionP99Ms: 5, rssMb: 150, seedLimitMb: 512 } as const;

const mbCheck = (name: string, value: number, limit: number): TargetCheck =>
  check(name, `< ${limit} MB`, value, limit, value < limit);

export function checkTargets(r: OrchestratorResults): TargetCheck[] {
  const t = r.transitions;
  const after = r.memory.filter((m) => m.label.endsWith('full runs')).pop();
  const peak = Math.max(...r.memory.map((m) => m.hwmMb));
  return [
    maxCheck('transition p99 < 5 ms', t.all.p99, AIMS.transitionP99Ms),
    maxCheck('[1→2] transition p99 < 5 ms', t.phase1to2.p99, AIMS.transitionP99Ms, true),
    maxCheck('[2→3] transition p99 < 5 ms', t.phase2to3.p99, AIMS.transitionP99Ms, true),
    maxCheck('[3→4] transition p99 < 5 ms', t.phase3to4.p99, AIMS.transitionP99Ms, true),
    mbCheck('RSS after the full runs < 150 MB', after?.rssMb ?? NaN, AIMS.rssMb),
    mbCheck('peak RSS < 512 MB (seed limit)', peak, AIMS.seedLimitMb),
  ];
}

const fmt1 = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : f1(v));

type LatRow = [metric: string, p50: string, p95: string, p99: string, max: string, aim: string, result: string];

/** The human-readable report: a latency table (p50/p95/p99/max) and a process/throughput table. */
export function renderTable(r: OrchestratorResults, targets: TargetCheck[]): string {
  const aim = (name: string) => targets.find((c) => c.name === name);
  const lat = (label: string, s: LatencySummary, c?: TargetCheck): LatRow => [
    label,
    fmtMs(s.p50),
    fmtMs(s.p95),
    fmtMs(s.p99),
    fmtMs(s.max),
    ...verdict(c),
  ];
  const t = r.transitions;
  const hop = r.baseline.messaging;
  const latRows: (LatRow | string)[] = [
    `transitions: completion published → next request arrived (${fmtInt(t.all.samples)} over ${fmtInt(r.full.runs)} full syncs)`,
    lat('phase 1→2: later of A/B done → sheets.sync.requested', t.phase1to2, aim('[1→2] transition p99 < 5 ms')),
    lat('phase 2→3: sheets.sync.completed → hand.analysis.requested', t.phase2to3, aim('[2→3] transition p99 < 5 ms')),
    lat('phase 3→4: hand.analysis.completed → system.sync.completed', t.phase3to4, aim('[3→4] transition p99 < 5 ms')),
    lat('all transitions', t.all, aim('transition p99 < 5 ms')),
    `broker baseline: one hop, publish() → handler, after each run (a transition has two hops)`,
    lat('MessageBus', hop),
    lat('bare amqplib', r.baseline.bare),
    [
      'orchestrator share of a transition, p50 − 2 MessageBus hops',
      fmtMs(r.orchestratorShareP50.all),
      '',
      '',
      '',
      '',
      '',
    ],
    'whole runs',
    lat('full: POST → 202', r.full.postAccepted),
    lat('full: POST → phase-1 requests at A and B', r.full.postToPhase1),
    lat('full: POST → system.sync.completed', r.full.run),
  ];
  if (r.nas) {
    latRows.push(lat('nas: POST → nas.scan.requested', r.nas.postToRequest));
    latRows.push(lat('nas: completion → run finished (polled, 2 ms)', r.nas.completionToFinished));
  }

  type Row = [metric: string, value: string, aim: string, result: string];
  const rows: (Row | string)[] = ['orchestrator process (/proc/<pid>/status)'];
  // The table shows ready, after 100 full runs, after all of them and after the nas runs; --json has every sample.
  const lastFull = r.memory.filter((s) => s.label.endsWith('full runs')).pop();
  const shown = r.memory.filter(
    (m) => m.label === 'ready' || m.fullRuns === 100 || m === lastFull || m.label.endsWith('nas runs'),
  );
  for (const m of shown) {
    const isAim = m === lastFull;
    const [target, result] = isAim ? verdict(aim('RSS after the full runs < 150 MB')) : ['', ''];
    rows.push([`RSS ${m.label} (MB)`, fmt1(m.rssMb), target, result]);
  }
  rows.push([
    'peak RSS, VmHWM (MB)',
    fmt1(Math.max(...r.memory.map((m) => m.hwmMb))),
    ...verdict(aim('peak RSS < 512 MB (seed limit)')),
  ]);
  rows.push(['CPU per full sync, user+system (ms)', fmt1(r.full.cpuMsPerRun), '', '']);
  rows.push('throughput (one run at a time)');
  rows.push([`full syncs/s`, fmt1(r.full.runsPerSec), '', '']);
  rows.push([
    `time for ${fmtInt(r.full.runs)} full syncs, Σ POST→completed (s)`,
    fmt1(r.full.durationMs / 1000),
    '',
    '',
  ]);
  if (r.nas) rows.push([`nas syncs/s (${fmtInt(r.nas.runs)}, end polled)`, fmt1(r.nas.runsPerSec), '', '']);
  rows.push(['Postgres commits per full sync (≈)', fmt1(r.full.pgCommitsPerRun), '', '']);

  const latTable = markdownTable(
    ['metric (ms)', 'p50', 'p95', 'p99', 'max', 'aim', 'result'],
    latRows,
    (c) => c >= 1 && c <= 4,
  );
  const procTable = markdownTable(['metric', 'value', 'aim', 'result'], rows, (c) => c === 1);

  const a = r.anomalies;
  const notes: string[] = [];
  const statuses = Object.entries(r.full.statuses)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  if (Object.keys(r.full.statuses).some((s) => s !== 'completed')) notes.push(`run statuses: ${statuses}`);
  if (a.baselineOddities) notes.push(`${a.baselineOddities} stray or repeated baseline deliveries`);
  if (a.outOfOrder) notes.push(`${a.outOfOrder} run(s) with an incomplete or out-of-order timeline (not sampled)`);
  if (a.duplicateRequests) notes.push(`${a.duplicateRequests} duplicate request(s) at the doubles`);
  if (a.systemErrors) notes.push(`${a.systemErrors} system.error event(s)`);
  if (a.orchestratorLogLines) notes.push(`the orchestrator logged ${a.orchestratorLogLines} warning/error line(s)`);
  if (a.orchestratorExitCode !== 0) notes.push(`the orchestrator exited with ${a.orchestratorExitCode} on SIGTERM`);
  const summary = targetsLine(targets, 'aims') + ' (per-kind transition rows are informational: lower-case "miss")';
  return (
    `${fmtInt(r.full.runs)} full syncs (+${r.full.warmup} warm-up) one after the other, blocks A–D answered at once by doubles; ` +
    `all ${statuses || 'none'}\n\n${latTable}\n\n${procTable}\n\n${summary}\n` +
    (notes.length ? `anomalies: ${notes.join('; ')}\n` : '')
  );
}
