import { parseArgs } from 'node:util';

export const USAGE = `usage: bus.bench.ts [options]
  --json               print results as JSON on stdout (progress stays on stderr)
  --events N           sequential events per path, after warm-up (default 5000)
  --warmup N           sequential warm-up events, not sampled (default 200)
  --throughput N       events in the throughput run (default 20000)
  --window N           unconfirmed publishes in flight during the throughput run (default 500)
  --rounds N           throughput runs per path, the paths taking turns; the median counts (default 1)
  --requests N         sequential request/reply round trips (default 2000)
  --request-warmup N   request/reply warm-up, not sampled (default 100)
  --prefetch N         consumer prefetch, bus and bare alike (default 32 = AMQP_PREFETCH default)
  --no-postgres        skip the Postgres (inbox/outbox) bus
  --pg-paths LIST      Postgres bus variants, comma-separated: single (a transaction per delivery),
                       batch (handler registered with batch: true) (default single,batch)
  --batch-concurrency N  batch transactions at once, batched path (default: the bus default, 2)
  --batch-linger-ms N    how long a batch waits for more deliveries, batched path (default: the bus default, 0)
  --telemetry          start OpenTelemetry first, as the apps do (affects both paths: amqplib is instrumented)
  --timeout-s S        overall time limit; on expiry it cleans up and exits 2 (default 600)
  --stall-s S          a phase fails when nothing was handled for S seconds (default 20)
  --check              exit 1 when a (non-informational) target is missed
  -h, --help           this text
env: TEST_AMQP_URL, TEST_RABBITMQ_API, TEST_POSTGRES_URL (defaults: the local docker-compose services)`;

export interface Config {
  json: boolean;
  events: number;
  warmup: number;
  throughput: number;
  window: number;
  rounds: number;
  requests: number;
  requestWarmup: number;
  prefetch: number;
  postgres: boolean;
  /** Postgres bus variants to run, in this order. */
  pgPaths: PgPath[];
  /** Bus batch options for the batched path; undefined = the bus defaults. */
  batchConcurrency?: number;
  batchLingerMs?: number;
  telemetry: boolean;
  timeoutS: number;
  stallMs: number;
  check: boolean;
}

/** The integer value of option `--name` (≥ min); throws with the option's name otherwise. */
export function intOption(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** Parses argv; returns null for --help. Throws on a bad option. */
export function parseConfig(argv = process.argv.slice(2)): Config | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      events: { type: 'string', default: '5000' },
      warmup: { type: 'string', default: '200' },
      throughput: { type: 'string', default: '20000' },
      window: { type: 'string', default: '500' },
      rounds: { type: 'string', default: '1' },
      requests: { type: 'string', default: '2000' },
      'request-warmup': { type: 'string', default: '100' },
      prefetch: { type: 'string', default: '32' },
      'no-postgres': { type: 'boolean', default: false },
      'pg-paths': { type: 'string', default: 'single,batch' },
      'batch-concurrency': { type: 'string' },
      'batch-linger-ms': { type: 'string' },
      telemetry: { type: 'boolean', default: false },
      'timeout-s': { type: 'string', default: '600' },
      'stall-s': { type: 'string', default: '20' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  return {
    json: values.json ?? false,
    events: intOption('events', values.events, 1),
    warmup: intOption('warmup', values.warmup, 0),
    throughput: intOption('throughput', values.throughput, 1),
    window: intOption('window', values.window, 1),
    rounds: intOption('rounds', values.rounds, 1),
    requests: intOption('requests', values.requests, 1),
    requestWarmup: intOption('request-warmup', values['request-warmup'], 0),
    prefetch: intOption('prefetch', values.prefetch, 1),
    postgres: !values['no-postgres'],
    pgPaths: pgPathsOption(values['pg-paths']),
    batchConcurrency:
      values['batch-concurrency'] === undefined
        ? undefined
        : intOption('batch-concurrency', values['batch-concurrency'], 1),
    batchLingerMs:
      values['batch-linger-ms'] === undefined ? undefined : intOption('batch-linger-ms', values['batch-linger-ms'], 0),
    telemetry: values.telemetry ?? false,
    timeoutS: intOption('timeout-s', values['timeout-s'], 1),
    stallMs: intOption('stall-s', values['stall-s'], 1) * 1000,
    check: values.check ?? false,
  };
}

export const PG_PATHS = ['single', 'batch'] as const;
export type PgPath = (typeof PG_PATHS)[number];

function pgPathsOption(raw: string | undefined): PgPath[] {
  const list = (raw ?? '').split(',').map((p) => p.trim());
  const bad = list.filter((p) => !(PG_PATHS as readonly string[]).includes(p));
  if (bad.length > 0 || list.length === 0)
    throw new Error(`--pg-paths takes ${PG_PATHS.join(',')} (comma-separated), got "${raw}"`);
  return [...new Set(list)] as PgPath[];
}
