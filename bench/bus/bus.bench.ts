/**
 * MessageBus benchmark (not a test: it prints numbers). Compares the
 * `@pokervod/messaging` bus with bare amqplib on the same broker:
 *
 *   1. sequential publish → handler latency (p50/p95/p99/max)
 *   2. sustained end-to-end throughput (events/s)
 *   3. request/reply command round trip (p50/p99)
 *
 * and repeats 1–2 with a consumer bus backed by Postgres (inbox + outbox).
 *
 *   npm run bench:bus                 # table on stdout, progress on stderr
 *   npm run bench:bus -- --json       # machine-readable results on stdout
 *   npm run bench:bus -- --help
 *
 * See bench/README.md.
 */
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import { DataSource } from 'typeorm';
import { messagingTablesMigration, postgresDataSourceOptions, runMigrations } from '@pokervod/persistence';
import {
  RABBITMQ_API,
  TEST_AMQP_URL,
  TEST_POSTGRES_URL,
  createTestDatabase,
  deleteTopology,
  uniqueTopology,
} from '@pokervod/testing';
import { BarePath } from './bare-path';
import { BusPath } from './bus-path';
import { requestReplyLatency, sequentialLatency, sustainedThroughput } from './drivers';
import { BenchResults, checkTargets, renderTable } from './report';
import { onCleanup, progress, runAllCleanups } from './util';

const SCHEMA = 'bench';

const USAGE = `usage: bus.bench.ts [options]
  --json               print results as JSON on stdout (progress stays on stderr)
  --events N           sequential events per path, after warm-up (default 5000)
  --warmup N           sequential warm-up events, not sampled (default 200)
  --throughput N       events in the throughput run (default 20000)
  --window N           unconfirmed publishes in flight during the throughput run (default 500)
  --requests N         sequential request/reply round trips (default 2000)
  --request-warmup N   request/reply warm-up, not sampled (default 100)
  --no-postgres        skip the Postgres (inbox/outbox) bus
  --timeout-s S        overall time limit; on expiry it cleans up and exits 2 (default 600)
  --stall-s S          a phase fails when nothing was handled for S seconds (default 20)
  --check              exit 1 when a (non-informational) target is missed
env: TEST_AMQP_URL, TEST_RABBITMQ_API, TEST_POSTGRES_URL (defaults: local docker-compose services)`;

interface Config {
  json: boolean;
  events: number;
  warmup: number;
  throughput: number;
  window: number;
  requests: number;
  requestWarmup: number;
  postgres: boolean;
  timeoutS: number;
  stallMs: number;
  check: boolean;
}

function parseConfig(): Config {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      events: { type: 'string', default: '5000' },
      warmup: { type: 'string', default: '200' },
      throughput: { type: 'string', default: '20000' },
      window: { type: 'string', default: '500' },
      requests: { type: 'string', default: '2000' },
      'request-warmup': { type: 'string', default: '100' },
      'no-postgres': { type: 'boolean', default: false },
      'timeout-s': { type: 'string', default: '600' },
      'stall-s': { type: 'string', default: '20' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  return {
    json: values.json!,
    events: int('events', values.events, 1),
    warmup: int('warmup', values.warmup, 0),
    throughput: int('throughput', values.throughput, 1),
    window: int('window', values.window, 1),
    requests: int('requests', values.requests, 1),
    requestWarmup: int('request-warmup', values['request-warmup'], 0),
    postgres: !values['no-postgres'],
    timeoutS: int('timeout-s', values['timeout-s'], 1),
    stallMs: int('stall-s', values['stall-s'], 1) * 1000,
    check: values.check!,
  };
}

// ---- bounded lifetime -----------------------------------------------------------

let aborting = false;

/** Cleans up (queues, exchanges, connections, test database) and exits; bounded even if cleanup hangs. */
async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    aborting = true;
    progress(`aborting: ${reason}`);
    setTimeout(() => process.exit(code), 30_000).unref();
    await runAllCleanups();
  }
  process.exit(code);
}

// ---- environment ------------------------------------------------------------------

async function brokerInfo(): Promise<Record<string, unknown>> {
  try {
    const url = new URL(`${RABBITMQ_API}/overview`);
    const auth = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
    url.username = '';
    url.password = '';
    const res = await fetch(url, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { rabbitmq_version?: string; erlang_version?: string };
    return { rabbitmq: body.rabbitmq_version ?? null, erlang: body.erlang_version ?? null };
  } catch {
    return { rabbitmq: null, erlang: null };
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// ---- phases -----------------------------------------------------------------------------

async function inMemoryPhases(cfg: Config): Promise<BenchResults['inMemory']> {
  const bareTopology = uniqueTopology('bench-bare');
  const busTopology = uniqueTopology('bench-bus');
  const dropBareTopology = onCleanup('delete bare topology', () => deleteTopology(bareTopology));
  const dropBusTopology = onCleanup('delete bus topology', () => deleteTopology(busTopology));

  const bare = new BarePath('bare amqplib', bareTopology);
  const stopBare = onCleanup('close bare amqplib', () => bare.stop());
  const bus = new BusPath('messaging', { topology: busTopology });
  const stopBus = onCleanup('stop buses', () => bus.stop());
  progress('starting bare amqplib and MessageBus pairs');
  await bare.start();
  await bus.start();

  const seq = { warmup: cfg.warmup, count: cfg.events, stallMs: cfg.stallMs };
  progress(`sequential latency: bare amqplib (${cfg.warmup} + ${cfg.events})`);
  const bareLatency = await sequentialLatency(bare, seq);
  progress(`sequential latency: messaging (${cfg.warmup} + ${cfg.events})`);
  const busLatency = await sequentialLatency(bus, seq);

  const tp = { n: cfg.throughput, window: cfg.window, stallMs: cfg.stallMs };
  progress(`throughput: bare amqplib (${cfg.throughput} events, window ${cfg.window})`);
  const bareThroughput = await sustainedThroughput(bare, tp);
  progress(`throughput: messaging (${cfg.throughput} events, window ${cfg.window})`);
  const busThroughput = await sustainedThroughput(bus, tp);

  const rr = { warmup: cfg.requestWarmup, count: cfg.requests };
  progress(`request/reply: bare amqplib (${cfg.requestWarmup} + ${cfg.requests})`);
  const bareRR = await requestReplyLatency(bare, rr);
  progress(`request/reply: messaging (${cfg.requestWarmup} + ${cfg.requests})`);
  const busRR = await requestReplyLatency(bus, rr);

  for (const r of [bareLatency, busLatency, bareThroughput, busThroughput]) {
    if (r.strays || r.duplicates) progress(`warning: ${r.strays} stray and ${r.duplicates} duplicate deliveries`);
  }
  await stopBus();
  await stopBare();
  await dropBusTopology();
  await dropBareTopology();
  return {
    latency: { messaging: busLatency, bare: bareLatency },
    throughput: { messaging: busThroughput, bare: bareThroughput },
    requestReply: { messaging: busRR, bare: bareRR },
  };
}

async function postgresPhases(cfg: Config, meta: Record<string, unknown>): Promise<NonNullable<BenchResults['postgres']>> {
  progress('creating and migrating the test database');
  const db = await createTestDatabase('bench');
  const dropDb = onCleanup(`drop database ${db.name}`, () => db.drop());
  const migrated = await runMigrations({ url: db.url, plan: [{ schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] }] });
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);

  // The same options (pool size 5, schema) the apps' DataSource gets from ServiceKitModule.
  const dataSource = new DataSource(
    postgresDataSourceOptions({ url: db.url, schema: SCHEMA, entities: [], applicationName: 'pokervod-bus-bench' }),
  );
  await dataSource.initialize();
  const closeDs = onCleanup('close data source', () => (dataSource.isInitialized ? dataSource.destroy() : Promise.resolve()));
  const [{ server_version }] = (await dataSource.query('SHOW server_version')) as { server_version: string }[];
  meta['postgres'] = server_version;

  const topology = uniqueTopology('bench-pg');
  const dropTopology = onCleanup('delete postgres-bus topology', () => deleteTopology(topology));
  const bus = new BusPath('messaging+postgres', { topology, postgres: { dataSource, schema: SCHEMA } });
  const stopBus = onCleanup('stop postgres buses', () => bus.stop());
  await bus.start();

  progress(`sequential latency: messaging + postgres (${cfg.warmup} + ${cfg.events})`);
  const latency = await sequentialLatency(bus, { warmup: cfg.warmup, count: cfg.events, stallMs: cfg.stallMs });
  progress(`throughput: messaging + postgres (${cfg.throughput} events, window ${cfg.window})`);
  const throughput = await sustainedThroughput(bus, { n: cfg.throughput, window: cfg.window, stallMs: cfg.stallMs });
  for (const r of [latency, throughput]) {
    if (r.strays || r.duplicates) progress(`warning: ${r.strays} stray and ${r.duplicates} duplicate deliveries`);
  }

  await stopBus();
  const [{ n: inboxRows }] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.inbox`)) as { n: number }[];
  const [{ n: outboxRows }] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`)) as { n: number }[];
  const expected = cfg.warmup + cfg.events + cfg.throughput;
  if (inboxRows !== expected) progress(`warning: inbox has ${inboxRows} rows, expected ${expected}`);
  await closeDs();
  await dropDb();
  await dropTopology();
  return { latency, throughput, inboxRows, outboxRows };
}

// ---- main ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  let cfg: Config;
  try {
    cfg = parseConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const overall = setTimeout(() => void abort(`overall timeout of ${cfg.timeoutS} s reached`, 2), cfg.timeoutS * 1000);
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));

  const meta: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    amqpUrl: redact(TEST_AMQP_URL),
    postgresUrl: cfg.postgres ? redact(TEST_POSTGRES_URL) : null,
    ...(await brokerInfo()),
  };
  const started = performance.now();
  const inMemory = await inMemoryPhases(cfg);
  const postgres = cfg.postgres ? await postgresPhases(cfg, meta) : null;
  meta['durationS'] = Math.round((performance.now() - started) / 100) / 10;

  const partial = { meta, config: { ...cfg }, inMemory, postgres };
  const targets = checkTargets(partial);
  const results: BenchResults = { ...partial, targets, pass: targets.every((t) => t.info || t.pass) };
  clearTimeout(overall);
  await runAllCleanups(); // normally nothing left

  const out = cfg.json
    ? `${JSON.stringify(results, null, 2)}\n`
    : `MessageBus benchmark — node ${meta['node']}, RabbitMQ ${meta['rabbitmq'] ?? '?'}, ` +
      `${cfg.postgres ? `Postgres ${meta['postgres'] ?? '?'}, ` : ''}${meta['cpus']} CPUs, ${meta['durationS']} s\n` +
      renderTable(results);
  const code = cfg.check && !results.pass ? 1 : 0;
  process.stdout.write(out, () => process.exit(code));
}

main().catch((error: Error) => void abort(error.stack ?? error.message, 2));
