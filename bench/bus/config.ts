import { choices, flag, int, optOut } from '../shared/options';
import type { ConfigOf } from '../shared/runner';

export const PG_PATHS = ['single', 'batch'] as const;
export type PgPath = (typeof PG_PATHS)[number];

/** The options of bus.bench.ts (--json, --check, --timeout-s and --help come from the runner). */
export const options = {
  events: int('sequential events per path, after warm-up', { default: 5000, min: 1 }),
  warmup: int('sequential warm-up events, not sampled', { default: 200, min: 0 }),
  throughput: int('events in the throughput run', { default: 20000, min: 1 }),
  window: int('unconfirmed publishes in flight during the throughput run', { default: 500, min: 1 }),
  rounds: int('throughput runs per path, the paths taking turns; the median counts', { default: 1, min: 1 }),
  requests: int('sequential request/reply round trips', { default: 2000, min: 1 }),
  requestWarmup: int('request/reply warm-up, not sampled', { default: 100, min: 0 }),
  prefetch: int('consumer prefetch, bus and bare alike', {
    default: 32,
    min: 1,
    defaultText: '32 = AMQP_PREFETCH default',
  }),
  postgres: optOut('skip the Postgres (inbox/outbox) bus'),
  pgPaths: choices(
    'Postgres bus variants, comma-separated: single (a transaction per delivery),\nbatch (handler registered with batch: true)',
    PG_PATHS,
    { default: PG_PATHS },
  ),
  batchConcurrency: int('batch transactions at once, batched path', { min: 1, defaultText: 'the bus default, 2' }),
  batchLingerMs: int('how long a batch waits for more deliveries, batched path', {
    min: 0,
    arg: 'MS',
    defaultText: 'the bus default, 0',
  }),
  telemetry: flag('start OpenTelemetry first, as the apps do (affects both paths: amqplib is instrumented)'),
  stallS: int('a phase fails when nothing was handled for S seconds', { default: 20, min: 1, arg: 'S' }),
};

export type Config = ConfigOf<typeof options>;
