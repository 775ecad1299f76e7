/**
 * The phases of the bus benchmark. bus.bench.ts loads this module only after
 * it had the chance to start OpenTelemetry (--telemetry): the amqplib and pg
 * instrumentations patch those modules as they are first required.
 */
import { DataSource } from 'typeorm';
import { messagingTablesMigration, postgresDataSourceOptions, runMigrations } from '@pokervod/persistence';
import { onCleanup, progress } from '../shared/util';
import { benchTopology, benchWorld } from '../shared/world';
import { BarePath } from './bare-path';
import { BusPath, batchTotals } from './bus-path';
import type { Config, PgPath } from './config';
import { LatencyResult, requestReplyLatency, sequentialLatency, sustainedThroughput } from './drivers';
import type { BusResults } from './report';

const SCHEMA = 'bench';

function warnIfOdd(label: string, r: { strays: number; duplicates: number }): void {
  if (r.strays || r.duplicates)
    progress(`warning: ${label}: ${r.strays} stray and ${r.duplicates} duplicate deliveries`);
}

interface PostgresSetup {
  bus: BusPath;
  /** Counts inbox/outbox rows, then closes the data source, drops the database and the topology. */
  finish(): Promise<{ inboxRows: number; outboxRows: number }>;
}

const PG_LABELS: Record<PgPath, string> = { single: 'messaging+postgres', batch: 'messaging+postgres batched' };

/**
 * A world of its own (database + topology, `migrate: false`) whose database
 * holds only the messaging tables in schema `bench`, and a bus pair whose
 * consumer keeps its inbox there.
 */
async function setUpPostgres(cfg: Config, meta: Record<string, unknown>, path: PgPath): Promise<PostgresSetup> {
  progress(`creating the test database for ${PG_LABELS[path]}`);
  const world = await benchWorld(`bench-pg-${path}`, { migrate: false });
  const migrated = await runMigrations({
    url: world.db.url,
    plan: [{ schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] }],
  });
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);

  // The options (pool of 5, schema) the apps' DataSource gets from ServiceKitModule.
  const dataSource = new DataSource(
    postgresDataSourceOptions({
      url: world.db.url,
      schema: SCHEMA,
      entities: [],
      applicationName: 'pokervod-bus-bench',
    }),
  );
  await dataSource.initialize();
  const closeDs = onCleanup('close data source', () =>
    dataSource.isInitialized ? dataSource.destroy() : Promise.resolve(),
  );
  const [{ server_version }] = (await dataSource.query('SHOW server_version')) as { server_version: string }[];
  meta['postgres'] = server_version;

  const bus = new BusPath(PG_LABELS[path], {
    topology: world.topology,
    prefetch: cfg.prefetch,
    postgres: { dataSource, schema: SCHEMA, batch: path === 'batch' },
    batchOptions: { concurrency: cfg.batchConcurrency, lingerMs: cfg.batchLingerMs },
  });
  const stopBus = onCleanup(`stop ${PG_LABELS[path]} buses`, () => bus.stop());
  await bus.start();

  return {
    bus,
    finish: async () => {
      await stopBus();
      const count = async (table: string) =>
        ((await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.${table}`)) as { n: number }[])[0].n;
      const rows = { inboxRows: await count('inbox'), outboxRows: await count('outbox') };
      await closeDs();
      await world.remove();
      return rows;
    },
  };
}

/**
 * Sets up every path (bare amqplib, the in-memory bus pair, and unless
 * --no-postgres the Postgres-backed bus pair), each on its own topology (a
 * shared exchange would copy every event into every consumer's queue), then:
 * sequential latency (bare and bus taking turns event by event), throughput
 * one path after the other, request/reply taking turns; and tears down.
 * Postgres rows are compared with the bare run of the same invocation.
 */
export async function runPhases(cfg: Config, meta: Record<string, unknown>): Promise<BusResults> {
  const bareTopology = benchTopology('bench-bare');
  const busTopology = benchTopology('bench-bus');
  const bare = new BarePath('bare amqplib', bareTopology.topology, cfg.prefetch);
  const stopBare = onCleanup('close bare amqplib', () => bare.stop());
  const bus = new BusPath('messaging', { topology: busTopology.topology, prefetch: cfg.prefetch });
  const stopBus = onCleanup('stop buses', () => bus.stop());
  progress('starting bare amqplib and MessageBus pairs');
  await bare.start();
  await bus.start();
  const pgs = new Map<PgPath, PostgresSetup>();
  if (cfg.postgres) for (const path of cfg.pgPaths) pgs.set(path, await setUpPostgres(cfg, meta, path));

  // Bare and in-memory bus take turns event by event. The Postgres bus runs on its own afterwards:
  // its trailing work (commit, outbox relay pass) would land in the next path's turn.
  const stallMs = cfg.stallS * 1000;
  const seq = { warmup: cfg.warmup, count: cfg.events, stallMs };
  progress(`sequential latency, taking turns: bare amqplib, messaging (${cfg.warmup} warm-up + ${cfg.events} each)`);
  const [bareLatency, busLatency] = await sequentialLatency([bare, bus], seq);
  const pgLatency = new Map<PgPath, LatencyResult>();
  for (const [path, pg] of pgs) {
    progress(`sequential latency: ${pg.bus.label} (${cfg.warmup} warm-up + ${cfg.events})`);
    const [latency] = await sequentialLatency([pg.bus], seq);
    pgLatency.set(path, latency);
  }

  const tp = { n: cfg.throughput, window: cfg.window, stallMs };
  type Throughput = Awaited<ReturnType<typeof sustainedThroughput>>;
  // Every path once per round, in turn, so that load from outside hits them alike; the median round counts.
  const runs: { key: string; path: typeof bare | typeof bus; pg?: PgPath }[] = [
    { key: 'bare', path: bare },
    { key: 'bus', path: bus },
    ...[...pgs].map(([pgPath, pg]) => ({ key: pgPath, path: pg.bus, pg: pgPath })),
  ];
  const rounds = new Map<string, Throughput[]>(runs.map((r) => [r.key, []]));
  const batching = new Map<string, { deliveries: number; batches: number }>(
    runs.map((r) => [r.key, { deliveries: 0, batches: 0 }]),
  );
  for (let round = 1; round <= cfg.rounds; round++) {
    for (const run of runs) {
      progress(
        `throughput${cfg.rounds > 1 ? ` (round ${round}/${cfg.rounds})` : ''}: ${run.path.label} ` +
          `(${cfg.throughput} events, window ${cfg.window})`,
      );
      const before = await batchTotals();
      rounds.get(run.key)?.push(await sustainedThroughput(run.path, tp));
      const after = await batchTotals();
      const totals = batching.get(run.key) as { deliveries: number; batches: number };
      totals.deliveries += after.deliveries - before.deliveries;
      totals.batches += after.batches - before.batches;
    }
  }
  const median = (key: string): Throughput => {
    const all = [...(rounds.get(key) as Throughput[])].sort((a, b) => a.eventsPerSec - b.eventsPerSec);
    return {
      ...all[Math.floor((all.length - 1) / 2)],
      rounds: all.length > 1 ? all.map((r) => r.eventsPerSec) : undefined,
    };
  };
  const bareThroughput = median('bare');
  const busThroughput = median('bus');
  const pgThroughput = new Map<PgPath, Throughput>([...pgs.keys()].map((p) => [p, median(p)]));
  const meanBatch = new Map<PgPath, number | null>(
    [...pgs.keys()].map((p) => {
      const t = batching.get(p) as { deliveries: number; batches: number };
      return [p, t.batches > 0 ? t.deliveries / t.batches : null];
    }),
  );

  progress(
    `request/reply, taking turns: bare amqplib, messaging (${cfg.requestWarmup} warm-up + ${cfg.requests} each)`,
  );
  const [bareRR, busRR] = await requestReplyLatency([bare, bus], { warmup: cfg.requestWarmup, count: cfg.requests });

  warnIfOdd('bare latency', bareLatency);
  warnIfOdd('bus latency', busLatency);
  warnIfOdd('bare throughput', bareThroughput);
  warnIfOdd('bus throughput', busThroughput);
  const pgResults = new Map<PgPath, NonNullable<BusResults['postgres']>>();
  for (const [path, pg] of pgs) {
    const latency = pgLatency.get(path) as LatencyResult;
    const throughput = pgThroughput.get(path) as Throughput;
    warnIfOdd(`${pg.bus.label} latency`, latency);
    warnIfOdd(`${pg.bus.label} throughput`, throughput);
    const rows = await pg.finish();
    const expected = cfg.warmup + cfg.events + cfg.throughput * cfg.rounds;
    if (rows.inboxRows !== expected)
      progress(`warning: ${pg.bus.label}: inbox has ${rows.inboxRows} rows, expected ${expected}`);
    pgResults.set(path, { latency, throughput, meanBatchSize: meanBatch.get(path) ?? null, ...rows });
  }
  await stopBus();
  await stopBare();
  await busTopology.remove();
  await bareTopology.remove();
  return {
    inMemory: {
      latency: { messaging: busLatency, bare: bareLatency },
      throughput: { messaging: busThroughput, bare: bareThroughput },
      requestReply: { messaging: busRR, bare: bareRR },
    },
    postgres: pgResults.get('single') ?? null,
    postgresBatched: pgResults.get('batch') ?? null,
  };
}
