import type { AppName } from '@pokervod/contracts';
import {
  LARGE,
  Observed,
  Scenario,
  cachedScenario,
  compareSnapshots,
  compareWithExpected,
  outcomeSnapshot,
} from '@pokervod/scenario';
import {
  SYNC_APPS,
  SystemState,
  describeState,
  npmStartEnv,
  observe,
  runView,
  seconds,
  startFullSync,
  systemState,
  waitSettled,
} from './support/scenario';
import { TestSystem } from './support/system';

/**
 * Issue 10, item 9: whole-system faults during a full sync of the large
 * scenario (libs/scenario: 1,400 videos, a 3,000-row hand log). An
 * undisturbed sync gives the reference outcome; then, each on a fresh
 * database, a sync during which (1) every block is killed with SIGKILL once
 * and started again, (2) every RabbitMQ connection of the system is
 * force-closed, (3) every Postgres backend of its database is terminated.
 * Each fault is injected while the sync has work in flight (recorded with
 * what was in flight). Once the system has settled, its outcome must equal
 * the reference exactly: the same rows with the same outcome, clips on the
 * same files at the same frames, the same unmatched rows; no row lost, no
 * clip twice.
 *
 * The NAS and hand log are generated once per machine (cached in the
 * temporary folder); the cases run one after another.
 */
/**
 * How long a case may take to settle: SCENARIO_SETTLE_TIMEOUT_S. An undisturbed case settles in about a
 * minute on two quiet cores; the bound keeps a broken case from holding CI for long.
 */
const SETTLE_TIMEOUT_MS = Number(process.env['SCENARIO_SETTLE_TIMEOUT_S'] ?? 300) * 1000;
const CASE_TIMEOUT_MS = SETTLE_TIMEOUT_MS + 180_000;
const READY_TIMEOUT_MS = 120_000;

interface Fault {
  fault: string;
  at: string;
  /** What the system was doing when the fault hit. */
  in_flight: string;
  /** Whether a full sync or row work was under way (a fault on an idle system proves nothing). */
  mid_work: boolean;
  effect: string;
}

interface CaseResult {
  /** Apps that died on their own during the case (each restarted, as Kubernetes would). */
  crashes: string[];
  observed: Observed;
  snapshot: Map<string, string>;
  faults: Fault[];
  settled: boolean;
  settledAfterMs: number;
  runStatus: string;
  duplicates: string[];
}

let scenario: Scenario;
let reference: CaseResult | undefined;

/** The large scenario (issue 10: ≥ 1,400 files, ≥ 3,000 rows); SCENARIO_FILES / SCENARIO_ROWS shrink it for a quick look. */
const SIZE = {
  files: Number(process.env['SCENARIO_FILES'] ?? LARGE.files),
  rows: Number(process.env['SCENARIO_ROWS'] ?? LARGE.rows),
};

beforeAll(async () => {
  scenario = await cachedScenario({ ...LARGE, ...SIZE, log: (line) => console.log(line) });
  console.log(
    `fault cases on ${scenario.expected.videos.length} videos and ${scenario.expected.counts.sheet_rows} rows`,
  );
}, 600_000);

/** Clips sharing a row, or rows sharing a sheet position: what must never happen. */
function duplicatesIn(observed: Observed): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, number>();
  for (const c of observed.clips) byKey.set(c.row_key ?? `(none) ${c.id}`, (byKey.get(c.row_key ?? '') ?? 0) + 1);
  for (const [key, n] of byKey) if (n > 1) problems.push(`${n} clips for row ${key}`);
  const byRow = new Map<string, number>();
  for (const r of observed.rows) {
    if (r.outcome === 'removed') continue;
    const at = `${r.tab}!${r.row_number}`;
    byRow.set(at, (byRow.get(at) ?? 0) + 1);
  }
  for (const [at, n] of byRow) if (n > 1) problems.push(`${n} stored rows at ${at}`);
  return problems;
}

/**
 * Restarts an app that died on its own, as Kubernetes would, and records it:
 * a lost connection must never crash a block. Paused while a test kills and
 * restarts an app itself.
 */
class Supervisor {
  readonly crashes: string[] = [];
  private paused = false;
  private busy = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly system: TestSystem,
    private readonly started: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), 1_000);
  }

  async pause(): Promise<void> {
    this.paused = true;
    while (this.busy) await sleep(50);
  }

  resume(): void {
    this.paused = false;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pause();
  }

  private async check(): Promise<void> {
    if (this.paused || this.busy) return;
    this.busy = true;
    try {
      for (const app of [...this.system.apps.values()]) {
        const { exitCode, signalCode, pid } = app.process;
        if (exitCode === null && signalCode === null) continue;
        const at = seconds(Date.now() - this.started);
        const restarted = await this.system.restart(app.name).then(
          () => 'restarted',
          (error: Error) => `restart failed: ${error.message}`,
        );
        this.crashes.push(
          `${app.name} (pid ${pid}) exited on its own at ${at} (${exitCode ?? signalCode}); ${restarted}`,
        );
      }
    } finally {
      this.busy = false;
    }
  }
}

/** `foundation: completed, sheets: partial (why), …` */
function phases(run: any): string {
  return (run.phases ?? []).map((p: any) => `${p.name}: ${p.status}${p.error ? ` (${p.error})` : ''}`).join(', ');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runCase(
  name: string,
  inject: (system: TestSystem, started: number, supervisor: Supervisor) => Promise<Fault[]> = async () => [],
): Promise<CaseResult> {
  const started = Date.now();
  const system = new TestSystem(SYNC_APPS, npmStartEnv(scenario, `file:${scenario.csvPath}`), {
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  const supervisor = new Supervisor(system, started);
  try {
    await system.start();
    supervisor.start();
    const taskId = await startFullSync(system);
    const faults = await inject(system, started, supervisor);
    const settle = await waitSettled(system, { since: started, timeoutMs: SETTLE_TIMEOUT_MS });
    await supervisor.stop();
    const observed = await observe(system);
    const run = await runView(system, taskId);
    const result: CaseResult = {
      crashes: supervisor.crashes,
      observed,
      snapshot: outcomeSnapshot(observed),
      faults,
      settled: settle.settled,
      settledAfterMs: settle.ms,
      runStatus: run.status,
      duplicates: duplicatesIn(observed),
    };
    console.log(
      [
        `${name}: ${settle.settled ? 'settled' : 'NOT settled'} ${seconds(settle.ms)} after start; ` +
          `full sync ${run.status} (${phases(run)}); ${describeState(settle.state)}; ${observed.clips.length} clips`,
        ...faults.map((f) => `  ${f.at} ${f.fault}: ${f.effect}; in flight: ${f.in_flight}`),
        ...supervisor.crashes.map((c) => `  CRASH: ${c}`),
      ].join('\n'),
    );
    return result;
  } finally {
    await supervisor.stop();
    await system.cleanUp();
  }
}

/** Work under way: rows not settled, files not probed or not yet scanned. */
function midWork(state: SystemState): boolean {
  const rows = state.rows;
  return (
    state.files < scenario.expected.videos.length ||
    state.unprobed > 0 ||
    rows === null ||
    rows.total < scenario.expected.counts.stored ||
    rows.dirty > 0 ||
    (rows.outcomes['pending'] ?? 0) > 0
  );
}

/** Waits (up to `timeoutMs`) until `when` holds, then answers the state; the fault goes in either way, recorded. */
async function when(
  system: TestSystem,
  predicate: (state: SystemState) => boolean,
  timeoutMs = 60_000,
): Promise<SystemState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await systemState(system);
    if (predicate(state) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function record(fault: string, started: number, state: SystemState, effect: string): Fault {
  return {
    fault,
    at: seconds(Date.now() - started),
    in_flight: describeState(state),
    mid_work: midWork(state),
    effect,
  };
}

/** Compares a case with the reference; the lines name every difference. */
function differences(result: CaseResult): string[] {
  if (!reference) return ['no reference outcome (the undisturbed case failed to run)'];
  return [
    ...result.crashes,
    ...(result.settled ? [] : [`the system did not settle within ${seconds(SETTLE_TIMEOUT_MS)}`]),
    ...result.duplicates,
    ...compareSnapshots(reference.snapshot, result.snapshot, 40),
  ];
}

describe('whole-system faults during a full sync of the large scenario', () => {
  it(
    'an undisturbed full sync gives the reference outcome, which is the expected one',
    async () => {
      reference = await runCase('reference');
      expect(reference.crashes).toEqual([]);
      expect(reference.settled).toBe(true);
      expect(reference.duplicates).toEqual([]);
      expect(reference.snapshot.size).toBe(scenario.expected.counts.stored);
      expect(compareWithExpected(scenario.expected, reference.observed).slice(0, 40)).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'kill -9 of each block once during the sync, each started again: the same outcome',
    async () => {
      const order: { app: AppName; moment: (s: SystemState) => boolean }[] = [
        // Right after the sync starts: the hand log's 3,000 row events may still be in its outbox.
        { app: 'sheets-sync', moment: () => true },
        // While the scan or the probes run.
        {
          app: 'nas-inventory',
          moment: (s) => s.files > 0 && (s.files < scenario.expected.videos.length || s.unprobed > 0),
        },
        // While rows are being matched (match_episode), clips made, rows settled.
        { app: 'catalog', moment: (s) => (s.rows?.dirty ?? 0) > 0 },
        { app: 'hand-analysis', moment: (s) => (s.rows?.dirty ?? 0) > 0 },
        { app: 'orchestrator', moment: (s) => (s.rows?.dirty ?? 0) > 0 },
      ];
      const result = await runCase('kill -9 each block', async (system, started, supervisor) => {
        const faults: Fault[] = [];
        for (const { app, moment } of order) {
          const state = await when(system, moment);
          await supervisor.pause();
          const pid = system.app(app).process.pid;
          await system.kill(app);
          const signal = system.app(app).process.signalCode;
          const down = Date.now();
          await system.restart(app);
          supervisor.resume();
          faults.push(
            record(
              `kill -9 ${app}`,
              started,
              state,
              `pid ${pid} ended by ${signal}, ready again after ${seconds(Date.now() - down)}`,
            ),
          );
          expect(signal).toBe('SIGKILL');
        }
        return faults;
      });
      expect(result.faults.filter((f) => !f.mid_work)).toEqual([]);
      expect(differences(result)).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'every RabbitMQ connection of the system force-closed during the sync: the same outcome',
    async () => {
      const moments: ((s: SystemState) => boolean)[] = [
        (s) => s.files > 0 && s.unprobed > 0,
        (s) => (s.rows?.dirty ?? 0) > 0,
        (s) => (s.rows?.dirty ?? 0) > 0,
      ];
      const result = await runCase('RabbitMQ connections closed', async (system, started) => {
        const faults: Fault[] = [];
        for (const moment of moments) {
          const state = await when(system, moment);
          const closed = await system.closeAmqpConnections(SYNC_APPS);
          faults.push(record('close every AMQP connection', started, state, `${closed} connections closed`));
          expect(closed).toBeGreaterThanOrEqual(SYNC_APPS.length);
          await sleep(5_000);
        }
        return faults;
      });
      expect(result.faults.filter((f) => !f.mid_work)).toEqual([]);
      expect(differences(result)).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'every Postgres backend of the database terminated during the sync: the same outcome',
    async () => {
      const moments: ((s: SystemState) => boolean)[] = [
        (s) => s.files > 0 && s.unprobed > 0,
        (s) => (s.rows?.dirty ?? 0) > 0,
        (s) => (s.rows?.dirty ?? 0) > 0,
      ];
      const result = await runCase('Postgres backends terminated', async (system, started) => {
        const faults: Fault[] = [];
        for (const moment of moments) {
          const state = await when(system, moment);
          const terminated = await system.terminateDatabaseBackends();
          faults.push(
            record('pg_terminate_backend (the test database)', started, state, `${terminated} backends ended`),
          );
          expect(terminated).toBeGreaterThan(0);
          await sleep(5_000);
        }
        return faults;
      });
      expect(result.faults.filter((f) => !f.mid_work)).toEqual([]);
      expect(differences(result)).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );
});
