/**
 * One tree size, start to end: generate the tree; find and walk() taking
 * turns; a fresh migrated database; the scan worker; first scan, relay,
 * re-scan, churn + scan, relay; tear-down. Everything it creates is
 * registered for clean-up first (tree, database, worker, bus, topology).
 */
import { spawn } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { MessageBus } from '@pokervod/messaging';
import { postgresDataSourceOptions } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL } from '@pokervod/testing';
import { InventoryRepository } from '../../apps/nas-inventory/src/inventory/inventory.repository';
import type { ScanSettings } from '../../apps/nas-inventory/src/scan/scan-engine';
import { procStats } from '../shared/proc';
import { busLogger, onCleanup, progress, withTimeout } from '../shared/util';
import { benchWorld } from '../shared/world';
import type { Config } from './config';
import { FindRun, HashSample, Timed, WalkRun, findOnce, hashSample, takeTurns, walkOnce } from './fs-baseline';
import type { ScanMeasurement } from './scan-worker';
import { ChurnResult, churn, generateTree } from './tree';
import { ScanWorker, WorkerLaunch, WorkerReady } from './worker-client';

export const ROOT_NAME = 'media';
/** Videos whose content hash is timed on its own (spread over the tree). */
const HASH_SAMPLE = 2_000;

export interface DbState {
  present: number;
  missing: number;
  outbox: number;
  scanEntries: number;
}

export interface ScanResult extends ScanMeasurement {
  filesPerSec: number;
  /** Worker VmHWM read from /proc/<pid>/status by the parent after the scan, MB. */
  procHwmMb: number;
  /** nas.video_files rows whose updated_at is not older than the scan: rows the scan wrote. */
  rowsWritten: number;
  /** nas.outbox rows added by the scan (the relay is idle during a scan). */
  outboxAdded: number;
  /** WAL generated during the scan, whole cluster (other databases' writes included), MB. */
  walMb: number;
  after: DbState;
  /** ANALYZE nas.video_files afterwards (--analyze; not part of the scan time), ms; null when not run. */
  analyzeMs: number | null;
}

export interface RelayResult {
  after: string;
  events: number;
  ms: number;
  perSec: number;
  /** Rows still in the outbox afterwards (0 unless the relay failed). */
  left: number;
}

export interface SizeResult {
  size: number;
  tree: {
    root: string;
    videos: number;
    files: number;
    ignoredFiles: number;
    sidecars: number;
    directories: number;
    mb: number;
    apparentGb: number;
    generateMs: number;
    perBrand: Record<string, number>;
  };
  find: Timed<FindRun>;
  walk: Timed<WalkRun>;
  /** walk() median ÷ find median. */
  walkToFind: number;
  /** partialContentHash() alone on a sample of the videos, warm cache. */
  hash: HashSample;
  worker: WorkerReady;
  first: ScanResult;
  rescan: ScanResult;
  churn: { applied: ChurnResult; pct: number; scan: ScanResult } | null;
  relays: RelayResult[];
  /** After the first scan. */
  sizesMb: { videoFiles: number; outbox: number; database: number };
  /** Server version and the settings that shape the numbers (autovacuum, fsync, …). */
  server: Record<string, string>;
}

const SERVER_SETTINGS = [
  'server_version',
  'autovacuum',
  'fsync',
  'synchronous_commit',
  'shared_buffers',
  'work_mem',
  'random_page_cost',
];

async function serverSettings(ds: DataSource): Promise<Record<string, string>> {
  const rows: { name: string; setting: string; unit: string | null }[] = await ds.query(
    `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`,
    [SERVER_SETTINGS],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]));
}

/** Block A's scan settings as a deployment gets them by default (`nasConfigSchema`), --concurrency applied. */
export async function defaultSettings(concurrency: number | null): Promise<ScanSettings> {
  const { nasConfigSchema } = await import('../../apps/nas-inventory/src/nas-inventory.config');
  const d = (key: keyof typeof nasConfigSchema.shape): unknown => nasConfigSchema.shape[key].parse(undefined);
  return {
    extensions: new Set(d('NAS_VIDEO_EXTENSIONS') as string[]),
    ignoreGlobs: d('NAS_IGNORE') as string[],
    concurrency: concurrency ?? (d('NAS_SCAN_CONCURRENCY') as number),
    stableSeconds: d('NAS_STABLE_SECONDS') as number,
    hashWindowBytes: d('NAS_HASH_WINDOW_BYTES') as number,
  };
}

/** Refuses to start when the temp file system looks too small: ~10 kB and ~2 inodes per video, twice over. */
export function checkDisk(dir: string, sizes: number[]): { freeMb: number; freeInodes: number; neededMb: number } {
  const s = statfsSync(dir);
  const freeMb = (s.bavail * s.bsize) / 1024 / 1024;
  const largest = Math.max(...sizes);
  const neededMb = (largest * 10 * 1024 * 2) / 1024 / 1024;
  if (freeMb < neededMb + 512)
    throw new Error(
      `${dir} has ${Math.round(freeMb)} MB free; the ${largest}-file tree needs about ${Math.round(neededMb / 2)} MB`,
    );
  if (s.ffree < largest * 4)
    throw new Error(`${dir} has ${s.ffree} free inodes; the tree needs about ${largest * 2} (twice that must be free)`);
  return { freeMb: Math.round(freeMb), freeInodes: s.ffree, neededMb: Math.round(neededMb / 2) };
}

/** `rm -rf` of a tree this benchmark made (the name is checked), without a time limit on 100,000 files. */
export function removeTree(dir: string): Promise<void> {
  if (
    !path.basename(dir).startsWith('pokervod-bench-nas-') &&
    !path.basename(path.dirname(dir)).startsWith('pokervod-bench-nas-')
  )
    return Promise.reject(new Error(`refusing to remove ${dir}: not a benchmark tree`));
  return new Promise((resolve, reject) => {
    const rm = spawn('rm', ['-rf', '--', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    rm.stderr.on('data', (c: Buffer) => (err += c.toString()));
    rm.once('error', reject);
    rm.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`rm -rf ${dir}: ${code} ${err.trim()}`))));
  });
}

/** `sync -f <path>`: flushes that file system's dirty pages; returns how long it took (ms). */
function syncFileSystem(p: string): Promise<number> {
  const started = performance.now();
  return withTimeout(
    new Promise<number>((resolve) => {
      const child = spawn('sync', ['-f', p], { stdio: 'ignore' });
      child.once('error', () => resolve(performance.now() - started)); // no sync(1): measure anyway
      child.once('close', () => resolve(performance.now() - started));
    }),
    300_000,
    'sync -f',
  );
}

/** Is the broker's port open? (The relay phase is skipped when it is not.) */
export function brokerReachable(url = TEST_AMQP_URL, timeoutMs = 3_000): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 5672) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function dbState(ds: DataSource): Promise<DbState> {
  const [f] = await ds.query(
    `SELECT count(*) FILTER (WHERE status = 'present')::int AS present, count(*) FILTER (WHERE status = 'missing')::int AS missing
     FROM nas.video_files`,
  );
  const [o] = await ds.query(`SELECT count(*)::int AS n FROM nas.outbox`);
  const [e] = await ds.query(`SELECT count(*)::int AS n FROM nas.scan_entries`);
  return { present: f.present, missing: f.missing, outbox: o.n, scanEntries: e.n };
}

interface Context {
  cfg: Config;
  ds: DataSource;
  worker: ScanWorker;
  bus: MessageBus | null;
  rootPath: string;
}

async function measuredScan(ctx: Context, label: string): Promise<ScanResult> {
  const { ds, worker, cfg } = ctx;
  const before = await dbState(ds);
  const [{ t, lsn }] = await ds.query(`SELECT now() AS t, pg_current_wal_lsn() AS lsn`);
  const m = await worker.scan(label, { name: ROOT_NAME, path: ctx.rootPath }, cfg.scanTimeoutS * 1000);
  const [{ written }] = await ds.query(
    `SELECT count(*)::int AS written FROM nas.video_files WHERE updated_at >= $1 OR first_seen_at >= $1`,
    [t],
  );
  const [{ wal }] = await ds.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::float8 AS wal`, [lsn]);
  const after = await dbState(ds);
  const seen = m.counts['seen'] ?? 0;
  const result: ScanResult = {
    ...m,
    filesPerSec: seen / (m.ms / 1000),
    procHwmMb: worker.pid ? procStats(worker.pid).hwmMb : NaN,
    rowsWritten: written,
    outboxAdded: after.outbox - before.outbox,
    walMb: wal / 1024 / 1024,
    after,
    analyzeMs: null,
  };
  if (cfg.analyze) {
    const t0 = performance.now();
    await ds.query('ANALYZE nas.video_files');
    result.analyzeMs = performance.now() - t0;
  }
  const c = m.counts;
  progress(
    `  ${label}: ${(m.ms / 1000).toFixed(2)} s, ${Math.round(result.filesPerSec)} files/s; seen ${c['seen']}, added ${c['added']}, ` +
      `changed ${c['changed']}, moved ${c['moved']}, removed ${c['removed']}` +
      `${c['unchangedContent'] !== undefined ? `, time-only ${c['unchangedContent']}` : ''}; ${m.events} events, ` +
      `${written} rows written; RSS peak ${m.rssPeakMb.toFixed(0)} MB`,
  );
  if (m.offline) throw new Error(`scan "${label}" found the root offline: ${m.reason}`);
  if (after.scanEntries !== 0) progress(`  warning: ${after.scanEntries} nas.scan_entries rows left behind`);
  return result;
}

async function relay(ctx: Context, after: string): Promise<RelayResult | null> {
  if (!ctx.bus) return null;
  const { outbox } = await dbState(ctx.ds);
  if (outbox === 0) return null;
  const started = performance.now();
  await withTimeout(ctx.bus.flushOutbox(), ctx.cfg.scanTimeoutS * 1000, 'relaying the outbox');
  const ms = performance.now() - started;
  const left = (await dbState(ctx.ds)).outbox;
  const r: RelayResult = { after, events: outbox - left, ms, perSec: (outbox - left) / (ms / 1000), left };
  progress(`  relay after ${after}: ${r.events} events in ${(ms / 1000).toFixed(2)} s (${Math.round(r.perSec)}/s)`);
  if (left) progress(`  warning: ${left} events left in the outbox (see the bus warnings above)`);
  return r;
}

export async function runSize(
  cfg: Config,
  size: number,
  tmp: string,
  settings: ScanSettings,
  relayOn: boolean,
  launch: WorkerLaunch,
): Promise<SizeResult> {
  const rootPath = path.join(tmp, `tree-${size}`);
  progress(`[${size}] generating ${size.toLocaleString('en-US')} video files under ${rootPath}`);
  let removed = false;
  const removeIt = cfg.keepTree
    ? null
    : onCleanup(`remove ${rootPath}`, () => (removed ? Promise.resolve() : removeTree(rootPath)));
  const tree = generateTree(rootPath, size, cfg.seed, { sparse: cfg.sparseVideos });
  progress(
    `[${size}] ${tree.files} files (${tree.videos.length} videos, ${tree.ignoredFiles} ignored, ${tree.sidecars} side-cars), ` +
      `${tree.directories} folders, ${(tree.bytes / 1024 / 1024).toFixed(1)} MB in ${(tree.generateMs / 1000).toFixed(1)} s`,
  );

  // Write the tree back now, so that the timed runs below do not compete with its writeback.
  const synced = await syncFileSystem(rootPath);
  progress(`[${size}] sync -f: ${(synced / 1000).toFixed(1)} s`);

  progress(`[${size}] find and walk(), taking turns: 1 warm-up + ${cfg.repeats} timed runs each`);
  const fsRuns = await takeTurns(
    cfg.repeats,
    () => findOnce(rootPath),
    () => walkOnce(rootPath, settings),
  );
  const walkToFind = fsRuns.walk.median.ms / fsRuns.find.median.ms;
  progress(
    `[${size}] find ${fsRuns.find.median.ms.toFixed(1)} ms (${fsRuns.find.median.lines} files), walk() ${fsRuns.walk.median.ms.toFixed(1)} ms ` +
      `(${fsRuns.walk.median.files} videos) → ${walkToFind.toFixed(2)}×`,
  );
  if (fsRuns.walk.median.files !== tree.videos.length)
    throw new Error(`walk() yielded ${fsRuns.walk.median.files} videos, the tree has ${tree.videos.length}`);

  const hash = await hashSample(rootPath, tree.videos, settings.hashWindowBytes, HASH_SAMPLE);
  progress(
    `[${size}] partialContentHash() alone: ${hash.msPerFile.toFixed(3)} ms/file (${hash.files} files, one at a time)`,
  );

  progress(`[${size}] creating and migrating a test database (MIGRATION_PLAN)`);
  const world = await benchWorld('benchnas');
  const ds = new DataSource(
    postgresDataSourceOptions({ url: world.db.url, schema: 'nas', entities: [], applicationName: 'nas-bench-parent' }),
  );
  await ds.initialize();
  const closeDs = onCleanup('close the benchmark data source', () =>
    ds.isInitialized ? ds.destroy() : Promise.resolve(),
  );
  const server = await serverSettings(ds);
  if (server['autovacuum'] === 'off' && !cfg.analyze)
    progress(`[${size}] note: autovacuum is off on this server and --analyze was not given: no planner statistics`);
  // As ScanService does before every scan.
  await new InventoryRepository().upsertRoot(ds.manager, ROOT_NAME, rootPath);

  let bus: MessageBus | null = null;
  let stopBus: (() => Promise<void>) | null = null;
  if (relayOn) {
    // Block A's bus, relaying nas.outbox to the world's throw-away exchange (no queue bound: the broker
    // confirms and drops). Started now, while the outbox is empty; it relays only when flushOutbox() is
    // called (poll interval ~23 days).
    const relayBus = new MessageBus({
      ...world.bus,
      app: 'nas-inventory-bench',
      block: 'A',
      retryPolicy: RETRY_POLICIES.A,
      connectionName: `${world.topology.id}-relay`,
      dataSource: ds,
      schema: 'nas',
      logger: busLogger,
      outboxPollMs: 2_000_000_000,
      drainTimeoutMs: 3_000,
    });
    stopBus = onCleanup('stop the relay bus', () => relayBus.stop());
    await withTimeout(relayBus.start(), 20_000, 'connecting the relay bus');
    bus = relayBus;
  }

  const worker = new ScanWorker(launch);
  const { url, exchange, commandExchange, queuePrefix } = world.bus;
  const ready = await worker.start({
    databaseUrl: world.db.url,
    bus: { url, exchange, commandExchange, queuePrefix },
    settings: { ...settings, extensions: [...settings.extensions] },
    sampleMs: cfg.sampleMs,
    gcBeforeScan: cfg.gc,
  });
  progress(
    `[${size}] scan worker ${worker.pid} (${ready.runtime}) ready in ${(ready.startMs / 1000).toFixed(1)} s, RSS ${ready.rssMb.toFixed(0)} MB`,
  );
  const ctx: Context = { cfg, ds, worker, bus, rootPath };
  const relays: RelayResult[] = [];

  progress(`[${size}] first scan`);
  const first = await measuredScan(ctx, 'first scan');
  const [sizes] = await ds.query(
    `SELECT pg_total_relation_size('nas.video_files')::float8 AS files, pg_total_relation_size('nas.outbox')::float8 AS outbox,
            pg_database_size(current_database())::float8 AS db`,
  );
  const r1 = await relay(ctx, 'first scan');
  if (r1) relays.push(r1);

  progress(`[${size}] re-scan, tree unchanged`);
  const rescan = await measuredScan(ctx, 're-scan');
  const r2 = await relay(ctx, 're-scan');
  if (r2) relays.push(r2);

  let churned: SizeResult['churn'] = null;
  if (cfg.churn > 0) {
    const applied = churn(tree, cfg.churn, cfg.seed);
    progress(
      `[${size}] churn: ${applied.moved} moved, ${applied.touched} touched (time only), ${applied.grown} grown; scanning`,
    );
    const scan = await measuredScan(ctx, 'churn scan');
    churned = { applied, pct: cfg.churn, scan };
    const r3 = await relay(ctx, 'churn scan');
    if (r3) relays.push(r3);
  }

  await worker.stop();
  if (stopBus) await stopBus();
  await closeDs();
  await world.remove();
  if (removeIt) {
    progress(`[${size}] removing the tree`);
    await removeTree(rootPath); // not through the clean-up registry: that gives up after 15 s
    removed = true;
    await removeIt();
  } else progress(`[${size}] tree kept: ${rootPath}`);

  const mb = (b: number) => b / 1024 / 1024;
  return {
    size,
    tree: {
      root: rootPath,
      videos: tree.videos.length,
      files: tree.files,
      ignoredFiles: tree.ignoredFiles,
      sidecars: tree.sidecars,
      directories: tree.directories,
      mb: mb(tree.bytes),
      apparentGb: tree.apparentBytes / 1024 ** 3,
      generateMs: tree.generateMs,
      perBrand: tree.perBrand,
    },
    find: fsRuns.find,
    walk: fsRuns.walk,
    walkToFind,
    hash,
    worker: ready,
    first,
    rescan,
    churn: churned,
    relays,
    sizesMb: { videoFiles: mb(sizes.files), outbox: mb(sizes.outbox), database: mb(sizes.db) },
    server,
  };
}
