/**
 * The orchestrator benchmark's set-up, runs and tear-down: a migrated test
 * database and a unique topology, the doubles, the real orchestrator as a
 * child process, a broker baseline, then warm-up, sampled full syncs and nas
 * syncs, one after the other.
 */
import { Client } from 'pg';
import { BarePath } from '../bus/bare-path';
import { BusPath } from '../bus/bus-path';
import { LatencySummary, percentile, summarize } from '../shared/stats';
import { now, onCleanup, progress, sleep } from '../shared/util';
import { benchTopology, benchWorld } from '../shared/world';
import { BuildInfo } from './build';
import { HopSampler } from './hop-sampler';
import type { Config } from './config';
import { OrchestratorProcess, ProcSample } from './orchestrator-process';
import { RunTimes, TimedDoubles } from './timed-doubles';

export interface TransitionSummaries {
  /** The later of nas.scan.completed / catalog.updated published → sheets.sync.requested at D. */
  phase1to2: LatencySummary;
  /** sheets.sync.completed published → hand.analysis.requested at C. */
  phase2to3: LatencySummary;
  /** hand.analysis.completed published → system.sync.completed at the listener. */
  phase3to4: LatencySummary;
  /** All three kinds together. */
  all: LatencySummary;
}

export interface OrchestratorResults {
  build: BuildInfo;
  /**
   * Broker baseline: one hop, publish() → handler, taken after each sampled run on topologies of its
   * own — bench/bus's MessageBus pair and bare amqplib.
   */
  baseline: { messaging: LatencySummary; bare: LatencySummary };
  transitions: TransitionSummaries;
  /** transition p50 − 2 × MessageBus hop p50: what the orchestrator itself adds to a transition (estimate). */
  orchestratorShareP50: { phase1to2: number; phase2to3: number; phase3to4: number; all: number };
  full: {
    runs: number;
    warmup: number;
    /** The sampled runs' POST → system.sync.completed, added up (the baseline hops between runs excluded). */
    durationMs: number;
    runsPerSec: number;
    /** POST sent → the 202 arrived (the run's first transaction and its outbox flush happen before the 202). */
    postAccepted: LatencySummary;
    /** POST sent → the later of nas.scan.requested / catalog.update.requested at the doubles. */
    postToPhase1: LatencySummary;
    /** POST sent → system.sync.completed. */
    run: LatencySummary;
    statuses: Record<string, number>;
    /** Orchestrator CPU (user + system) per sampled run, from /proc. */
    cpuMsPerRun: number;
    /** pg_stat_database.xact_commit of the test database per sampled run (approximate: stats are flushed lazily). */
    pgCommitsPerRun: number | null;
  };
  nas: {
    runs: number;
    durationMs: number;
    runsPerSec: number;
    /** POST sent → nas.scan.requested at A. */
    postToRequest: LatencySummary;
    /** nas.scan.completed published → GET /runs/:id no longer in_progress (polled every 2 ms: an upper bound). */
    completionToFinished: LatencySummary;
  } | null;
  memory: ProcSample[];
  anomalies: {
    /** A block received a second request within one run. */
    duplicateRequests: number;
    /** system.error events seen (the doubles never fail, so any is a finding). */
    systemErrors: number;
    /** Runs whose timeline was out of order (a next request before the completion that should cause it). */
    outOfOrder: number;
    /** Baseline deliveries that were not expected (stray or repeated). */
    baselineOddities: number;
    /** Lines the orchestrator logged at LOG_LEVEL=warn. */
    orchestratorLogLines: number;
    /** How the orchestrator exited on SIGTERM at the end (0 = clean). */
    orchestratorExitCode: number | null;
  };
}

interface FullSample {
  p1to2: number;
  p2to3: number;
  p3to4: number;
  postAccepted: number;
  postToPhase1: number;
  run: number;
  status: string;
}

/** The three transitions of a finished full run, or null when its timeline is incomplete or out of order. */
function fullSample(r: RunTimes): FullSample | null {
  const { requested: q, answered: a } = r;
  if ([q.A, q.B, q.C, q.D, a.A, a.B, a.C, a.D].some((t) => t === undefined)) return null;
  const s: FullSample = {
    p1to2: q.D! - Math.max(a.A!, a.B!),
    p2to3: q.C! - a.D!,
    p3to4: r.completedAt - a.C!,
    postAccepted: r.acceptedAt - r.postedAt,
    postToPhase1: Math.max(q.A!, q.B!) - r.postedAt,
    run: r.completedAt - r.postedAt,
    status: r.status ?? '?',
  };
  return s.p1to2 > 0 && s.p2to3 > 0 && s.p3to4 > 0 ? s : null;
}

async function post(orch: OrchestratorProcess, syncType: string, timeoutMs: number): Promise<string> {
  const res = await fetch(`${orch.url}/api/orchestrator/sync?sync_type=${syncType}`, {
    method: 'POST',
    headers: { 'X-API-Key': orch.apiKey },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json().catch(() => null)) as { task_id?: string; status?: string } | null;
  if (res.status !== 202 || body?.status !== 'started' || !body.task_id) {
    throw new Error(`POST /api/orchestrator/sync?sync_type=${syncType} answered ${res.status} ${JSON.stringify(body)}`);
  }
  return body.task_id;
}

/** One full sync, start to `system.sync.completed`. */
async function fullRun(orch: OrchestratorProcess, doubles: TimedDoubles, timeoutMs: number): Promise<RunTimes> {
  const postedAt = now();
  const id = await post(orch, 'full', timeoutMs);
  const acceptedAt = now();
  const run = doubles.run(id);
  run.postedAt = postedAt;
  run.acceptedAt = acceptedAt;
  await doubles.until(() => !Number.isNaN(run.completedAt), timeoutMs, `full sync ${id} to finish`);
  doubles.forget(id);
  return run;
}

/** One nas sync; its end is not an event, so GET /runs/:id is polled after A answered. */
async function nasRun(
  orch: OrchestratorProcess,
  doubles: TimedDoubles,
  timeoutMs: number,
): Promise<{ postToRequest: number; completionToFinished: number }> {
  const postedAt = now();
  const id = await post(orch, 'nas', timeoutMs);
  const run = doubles.run(id);
  await doubles.until(() => run.answered.A !== undefined, timeoutMs, `nas sync ${id}: nas.scan.requested`);
  const deadline = now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${orch.url}/api/orchestrator/runs/${id}`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { status?: string };
    if (body.status && body.status !== 'in_progress') break;
    if (now() > deadline) throw new Error(`nas sync ${id} did not finish within ${timeoutMs} ms`);
    await sleep(2);
  }
  const finishedSeen = now();
  doubles.forget(id);
  return { postToRequest: run.requested.A! - postedAt, completionToFinished: finishedSeen - run.answered.A! };
}

/** Commits in the test database so far (pg_stat_database; backends flush their counts about once a second). */
async function pgCommits(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0]?.n ?? NaN);
}

export async function runPhases(
  cfg: Config,
  meta: Record<string, unknown>,
  build: BuildInfo,
): Promise<OrchestratorResults> {
  // ---- world: database, topology, doubles, orchestrator -------------------
  progress('creating and migrating the test database');
  const world = await benchWorld('benchorch');
  const pg = new Client({ connectionString: world.db.url, application_name: 'pokervod-orchestrator-bench' });
  await pg.connect();
  const closePg = onCleanup('close the stats connection', () => pg.end());
  const version = await pg.query<{ server_version: string }>('SHOW server_version');
  meta['postgres'] = version.rows[0]?.server_version ?? null;

  const doubles = new TimedDoubles(world);
  const stopDoubles = onCleanup('stop the doubles', () => doubles.stop());
  await doubles.start();

  progress(
    `starting the orchestrator (${build.action} dist/apps/orchestrator/main.js, telemetry ${cfg.telemetry ? 'on' : 'off'})`,
  );
  const orch = new OrchestratorProcess({
    world,
    telemetry: cfg.telemetry,
    nodeOptions: (cfg.nodeOptions ?? '').split(/\s+/).filter(Boolean),
  });
  await orch.start();
  const memory: ProcSample[] = [orch.sample('ready', 0)];

  // ---- broker baseline: one hop per path after each run -------------------
  // bench/bus's MessageBus pair and bare amqplib, each on a topology of its own (a shared exchange would
  // copy every event into both consumers' queues), sampled in turns with the runs: same background load.
  const hopTopologies = [benchTopology('benchorch-bare'), benchTopology('benchorch-bus')];
  const bare = new BarePath('bare amqplib', hopTopologies[0].topology);
  const stopBare = onCleanup('close bare amqplib', () => bare.stop());
  const bus = new BusPath('messaging', { topology: hopTopologies[1].topology });
  const stopBus = onCleanup('stop the baseline buses', () => bus.stop());
  await bare.start();
  await bus.start();
  const HOP_WARMUP = 100;
  const runTimeoutMs = cfg.runTimeoutS * 1000;
  const hops = new HopSampler([bus, bare], HOP_WARMUP + cfg.warmup + cfg.runs, runTimeoutMs);
  for (let i = 0; i < HOP_WARMUP; i++) await hops.sampleOne();

  // ---- full syncs -----------------------------------------------------------
  let fullRuns = 0;
  const checkpoint = () => {
    if (fullRuns % 100 === 0 && fullRuns > 0) memory.push(orch.sample(`after ${fullRuns} full runs`, fullRuns));
  };
  progress(`warm-up: ${cfg.warmup} full syncs`);
  for (let i = 0; i < cfg.warmup; i++) {
    await fullRun(orch, doubles, runTimeoutMs);
    await hops.sampleOne();
    fullRuns++;
    checkpoint();
  }

  progress(`sampling: ${cfg.runs} full syncs, one after the other, each followed by one broker hop per baseline path`);
  const samples: FullSample[] = [];
  let outOfOrder = 0;
  const firstSampledHop = hops.taken;
  await sleep(1_100); // let every backend flush its statistics (at most once a second)
  const commitsBefore = await pgCommits(pg);
  const atSampling = orch.sample(`after ${fullRuns} warm-up runs`, fullRuns);
  memory.push(atSampling);
  const cpuBefore = atSampling.cpuMs;
  for (let i = 0; i < cfg.runs; i++) {
    const r = await fullRun(orch, doubles, runTimeoutMs);
    await hops.sampleOne();
    fullRuns++;
    const s = fullSample(r);
    if (s) samples.push(s);
    else outOfOrder++;
    if ((i + 1) % 100 === 0) {
      const recent = samples.slice(-100).flatMap((x) => [x.p1to2, x.p2to3, x.p3to4]);
      const sorted = Float64Array.from(recent).sort();
      progress(
        `${i + 1}/${cfg.runs} full syncs; last 100: transition p50 ${percentile(sorted, 50).toFixed(2)} ms, ` +
          `p99 ${percentile(sorted, 99).toFixed(2)} ms`,
      );
    }
    checkpoint();
  }
  if (fullRuns % 100 !== 0) memory.push(orch.sample(`after ${fullRuns} full runs`, fullRuns));
  const cpuAfter = memory[memory.length - 1].cpuMs;
  const [busHop, bareHop] = hops.summaries(firstSampledHop);
  const hopOddities = hops.oddities;
  hops.detach();
  await stopBus();
  await stopBare();
  for (const t of hopTopologies) await t.remove();
  await sleep(1_100);
  const commitsAfter = await pgCommits(pg);

  // ---- nas syncs: throughput of the smallest run --------------------------
  let nas: OrchestratorResults['nas'] = null;
  if (cfg.nasRuns > 0) {
    progress(`nas syncs: ${cfg.nasRuns}, one after the other`);
    const postToRequest: number[] = [];
    const completionToFinished: number[] = [];
    const nasStarted = now();
    for (let i = 0; i < cfg.nasRuns; i++) {
      const r = await nasRun(orch, doubles, runTimeoutMs);
      postToRequest.push(r.postToRequest);
      completionToFinished.push(r.completionToFinished);
    }
    const nasMs = now() - nasStarted;
    nas = {
      runs: cfg.nasRuns,
      durationMs: nasMs,
      runsPerSec: cfg.nasRuns / (nasMs / 1000),
      postToRequest: summarize(postToRequest),
      completionToFinished: summarize(completionToFinished),
    };
    memory.push(orch.sample(`after ${cfg.nasRuns} nas runs`, fullRuns));
  }

  // ---- tear-down ------------------------------------------------------------
  await sleep(200); // a last system.error, if any, still on its way
  const systemErrors = doubles.errors.length;
  progress('stopping the orchestrator (SIGTERM)');
  const exitCode = await orch.stop();
  if (exitCode !== 0) progress(`the orchestrator exited with ${exitCode}\n${orch.logTail()}`);
  else if (orch.logLines > 0)
    progress(`the orchestrator logged ${orch.logLines} warning/error line(s)\n${orch.logTail()}`);
  await stopDoubles();
  await closePg();
  await world.remove();

  const pick = (k: keyof Omit<FullSample, 'status'>) => samples.map((s) => s[k]);
  const transitions: TransitionSummaries = {
    phase1to2: summarize(pick('p1to2')),
    phase2to3: summarize(pick('p2to3')),
    phase3to4: summarize(pick('p3to4')),
    all: summarize([...pick('p1to2'), ...pick('p2to3'), ...pick('p3to4')]),
  };
  const twoHops = 2 * busHop.p50;
  const durationMs = pick('run').reduce((a, b) => a + b, 0);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    build,
    baseline: { messaging: busHop, bare: bareHop },
    transitions,
    orchestratorShareP50: {
      phase1to2: transitions.phase1to2.p50 - twoHops,
      phase2to3: transitions.phase2to3.p50 - twoHops,
      phase3to4: transitions.phase3to4.p50 - twoHops,
      all: transitions.all.p50 - twoHops,
    },
    full: {
      runs: cfg.runs,
      warmup: cfg.warmup,
      durationMs,
      runsPerSec: cfg.runs / (durationMs / 1000),
      postAccepted: summarize(pick('postAccepted')),
      postToPhase1: summarize(pick('postToPhase1')),
      run: summarize(pick('run')),
      statuses,
      cpuMsPerRun: (cpuAfter - cpuBefore) / cfg.runs,
      pgCommitsPerRun: Number.isFinite(commitsAfter - commitsBefore) ? (commitsAfter - commitsBefore) / cfg.runs : null,
    },
    nas,
    memory,
    anomalies: {
      duplicateRequests: doubles.duplicates,
      systemErrors,
      outOfOrder,
      baselineOddities: hopOddities,
      orchestratorLogLines: orch.logLines,
      orchestratorExitCode: exitCode,
    },
  };
}
