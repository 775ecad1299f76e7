/**
 * The scanning process: a child of nas.bench.ts that holds what block A's
 * scan holds (a DataSource with the apps' options, the real
 * `InventoryRepository`, the real parser, block A's bus for the outbox
 * writes) and nothing else, so its RSS is the scan's, not the benchmark's
 * (tree generation, find, the walk-only runs, the relay all happen in the
 * parent). Its RSS includes all of `@pokervod/messaging` (NestJS transport
 * included), as block A's does: about 36 MB more than the bus core alone.
 *
 * Protocol (IPC): parent → {type:'init', …}; worker → {type:'ready'};
 * parent → {type:'scan', label, root} (one at a time); worker →
 * {type:'scanned', …} or {type:'failed', error}; parent → {type:'exit'}.
 *
 * The emit is what ScanService passes to the scan: block A's
 * `MessageBus.publishManyInTransaction`, writing validated envelopes into
 * `nas.outbox` inside the scan's transaction. The bus is never started (no
 * consumer, no relay: the benchmark relays from its own process) and never
 * stopped (its stop() would relay the outbox from here); only its publisher
 * connection is open, to the world's throw-away exchange, as in the app.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { ParsedMetadata } from '@pokervod/contracts';
import { PARSER_VERSION, parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { postgresDataSourceOptions } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { InventoryRepository } from '../../apps/nas-inventory/src/inventory/inventory.repository';
import {
  RootScanResult,
  ScanDeps,
  ScanEvent,
  ScanSettings,
  scanRoot,
} from '../../apps/nas-inventory/src/scan/scan-engine';

export interface WorkerInit {
  type: 'init';
  databaseUrl: string;
  /** The broker and exchange names of block A's bus (its publisher connects; nothing is consumed). */
  bus: { url: string; exchange: string; commandExchange: string; queuePrefix: string };
  settings: Omit<ScanSettings, 'extensions'> & { extensions: string[] };
  sampleMs: number;
  /** Collect garbage before each scan (needs --expose-gc). */
  gcBeforeScan: boolean;
}

export interface ScanRequestMessage {
  type: 'scan';
  label: string;
  root: { name: string; path: string };
}

/** Cumulative wall time of one kind of call made during a scan. */
export interface CallStats {
  calls: number;
  ms: number;
  /** When the first call started and the last one ended, ms after the scan started. */
  firstAtMs: number;
  lastEndMs: number;
}

export interface ScanMeasurement {
  label: string;
  /** scanRoot() call → resolved, ms. */
  ms: number;
  /** The numeric fields of RootScanResult (seen, added, changed, moved, removed, unstable, …). */
  counts: Record<string, number>;
  problems: number;
  touched: number;
  offline: boolean;
  reason: string | null;
  /** process.memoryUsage().rss, MB: right before the scan, the highest sample during it, right after. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  heapUsedPeakMb: number;
  /** After a full GC once the scan is done: what the scan left alive (null without --expose-gc). */
  heapUsedAfterGcMb: number | null;
  rssAfterGcMb: number | null;
  rssSamples: number;
  /** The process's VmHWM after the scan (kernel-tracked peak RSS since the worker started), MB. */
  hwmMb: number;
  /** Node CPU (user, system) over the scan, ms. */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Wall time per repository method, the parser and the emit (envelope vs. outbox insert). */
  calls: Record<string, CallStats>;
  /** Garbage collections during the scan (PerformanceObserver 'gc'): count and pause time, major = mark-compact. */
  gc: { count: number; ms: number; majorCount: number; majorMs: number };
  /** dataSource.transaction() calls (each one a BEGIN … COMMIT). */
  transactions: number;
  /** Events written to the outbox. */
  events: number;
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

function vmHwmMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

let ds: DataSource | null = null;
let bus: MessageBus | null = null;
let init: WorkerInit | null = null;
const calls: Record<string, CallStats> = {};
let transactions = 0;
let events = 0;
let scanStartedAt = 0;

/** One call of `name` that started at `started` and ended now, taking `ms` (default: all of it). */
function record(name: string, started: number, ms?: number): void {
  const t = performance.now();
  const c = (calls[name] ??= { calls: 0, ms: 0, firstAtMs: started - scanStartedAt, lastEndMs: 0 });
  c.calls++;
  c.ms += ms ?? t - started;
  c.lastEndMs = t - scanStartedAt;
}

/** `m`, with the time its queries take added to `spent.ms` (the outbox INSERTs, when the bus writes them). */
function timedQueries(m: EntityManager, spent: { ms: number }): EntityManager {
  const timed = Object.create(m) as EntityManager;
  timed.query = async (...args: Parameters<EntityManager['query']>) => {
    const started = performance.now();
    try {
      return await m.query(...args);
    } finally {
      spent.ms += performance.now() - started;
    }
  };
  return timed;
}

/** The real repository, every method timed (wall time of the awaited call, so a round trip each). */
function timedRepository(): InventoryRepository {
  const repo = new InventoryRepository();
  const proto = InventoryRepository.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = proto[name];
    if (name === 'constructor' || typeof original !== 'function') continue;
    (repo as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
      } finally {
        record(`repo.${name}`, started);
      }
    };
  }
  return repo;
}

function deps(dataSource: DataSource, blockA: MessageBus, settings: ScanSettings): ScanDeps {
  return {
    dataSource,
    repository: timedRepository(),
    settings,
    parse: (relativePath: string): ParsedMetadata => {
      const started = performance.now();
      try {
        return parseFilename(relativePath);
      } finally {
        record('parseFilename', started);
      }
    },
    parserVersion: PARSER_VERSION,
    // As ScanService: the bus builds the envelopes (zod validation) and INSERTs them into the outbox.
    emit: async (m: EntityManager, list: readonly ScanEvent[]) => {
      const started = performance.now();
      const insert = { ms: 0 };
      const envelopes = await blockA.publishManyInTransaction(timedQueries(m, insert), list);
      record('emit: envelopes (zod)', started, performance.now() - started - insert.ms);
      record('emit: outbox insert', started, insert.ms);
      events += list.length;
      return envelopes;
    },
  };
}

/**
 * Counts dataSource.transaction() calls and times what surrounds the callback:
 * taking a pooled connection + BEGIN, and COMMIT + release (the commit waits
 * for the WAL flush: fsync).
 */
function timeTransactions(dataSource: DataSource): void {
  const transaction = dataSource.transaction.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
  (dataSource as unknown as { transaction: unknown }).transaction = (...args: unknown[]) => {
    transactions++;
    const work = args.pop() as (m: EntityManager) => Promise<unknown>;
    const begun = performance.now();
    let ended = 0;
    const timed = async (m: EntityManager) => {
      record('tx: connection + BEGIN', begun);
      try {
        return await work(m);
      } finally {
        ended = performance.now();
      }
    };
    return transaction(...args, timed).finally(() => {
      if (ended) record('tx: COMMIT', ended);
    });
  };
}

async function scan(request: ScanRequestMessage): Promise<ScanMeasurement> {
  if (!ds || !init) throw new Error('scan before init');
  const settings: ScanSettings = { ...init.settings, extensions: new Set(init.settings.extensions) };
  for (const k of Object.keys(calls)) delete calls[k];
  transactions = 0;
  events = 0;
  const d = deps(ds, bus!, settings);

  // Each scan starts from a collected heap, as after idle time between scans (V8 collects when idle).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (init.gcBeforeScan) gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = process.memoryUsage().heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  };
  const gcStats = { count: 0, ms: 0, majorCount: 0, majorMs: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcStats.count++;
      gcStats.ms += e.duration;
      if ((e.detail as { kind?: number } | undefined)?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        gcStats.majorCount++;
        gcStats.majorMs += e.duration;
      }
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const sampler = setInterval(sample, init.sampleMs);
  const cpu = process.cpuUsage();
  const started = performance.now();
  scanStartedAt = started;
  let result: RootScanResult;
  try {
    result = await scanRoot(d, request.root);
  } finally {
    clearInterval(sampler);
    await new Promise((r) => setImmediate(r)); // let the observer see the last entries
    gcObserver.disconnect();
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  sample();
  const rssAfter = process.memoryUsage().rss;
  gc?.();
  const afterGc = gc ? process.memoryUsage() : null;
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(result)) if (typeof v === 'number') counts[k] = v;
  return {
    label: request.label,
    ms,
    counts,
    problems: result.problems.length,
    touched: result.touched.length,
    offline: result.offline,
    reason: result.reason,
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(rssPeak),
    rssAfterMb: mb(rssAfter),
    heapUsedPeakMb: mb(heapPeak),
    heapUsedAfterGcMb: afterGc ? mb(afterGc.heapUsed) : null,
    rssAfterGcMb: afterGc ? mb(afterGc.rss) : null,
    rssSamples: samples,
    hwmMb: vmHwmMb(),
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    calls: structuredClone(calls),
    gc: gcStats,
    transactions,
    events,
  };
}

async function onMessage(message: { type: string }): Promise<void> {
  try {
    if (message.type === 'init') {
      init = message as WorkerInit;
      // The options (pool of 5, schema `nas`) block A's DataSource gets from ServiceKitModule.
      ds = new DataSource(
        postgresDataSourceOptions({
          url: init.databaseUrl,
          schema: 'nas',
          entities: [],
          applicationName: 'nas-inventory-bench',
        }),
      );
      await ds.initialize();
      timeTransactions(ds);
      bus = new MessageBus({
        ...init.bus,
        app: 'nas-inventory',
        block: 'A',
        retryPolicy: RETRY_POLICIES.A,
        connectionName: `${init.bus.queuePrefix}-scan-worker`,
        dataSource: ds,
        schema: 'nas',
        logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
      });
      const m = process.memoryUsage();
      await send({ type: 'ready', rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), hwmMb: vmHwmMb() });
    } else if (message.type === 'scan') {
      await send({ type: 'scanned', measurement: await scan(message as ScanRequestMessage) });
    } else if (message.type === 'exit') {
      await ds?.destroy().catch(() => undefined);
      process.exit(0);
    }
  } catch (error) {
    const e = error as Error;
    await send({ type: 'failed', error: e.stack ?? e.message }).catch(() => undefined);
  }
}

if (!process.send) {
  process.stderr.write('scan-worker.ts is started by nas.bench.ts (it needs an IPC channel)\n');
  process.exit(2);
}
process.on('message', (message: { type: string }) => void onMessage(message));
// The parent went away (killed, crashed): do not linger.
process.on('disconnect', () => process.exit(3));
