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
 * See bench/README.md. Only node built-ins and bench/shared are imported
 * statically, so --telemetry can start OpenTelemetry before amqplib and pg
 * are loaded (as the apps' `./instrument` does).
 */
import { BENCH_ENV, runBench } from '../shared/runner';
import { onCleanup, progress } from '../shared/util';
import { options } from './config';
import { checkTargets, renderTable } from './report';

runBench({
  script: 'bus.bench.ts',
  about:
    'The RabbitMQ event bus (@pokervod/messaging) next to bare amqplib on the same broker:\n' +
    'sequential latency, sustained throughput, request/reply; and the bus with a Postgres inbox/outbox.',
  options,
  timeoutS: 600,
  env: BENCH_ENV,
  async run(config, meta) {
    if (config.telemetry) {
      const { startTelemetry } = await import('@pokervod/telemetry');
      onCleanup('stop telemetry', startTelemetry('bus-bench'));
      progress('OpenTelemetry started (amqplib + pg instrumented, bus spans recorded)');
    }
    const { brokerEnvironment } = await import('../shared/world');
    const { runPhases } = await import('./phases');
    Object.assign(meta, await brokerEnvironment(config.postgres));
    const results = await runPhases(config, meta);
    return { ...results, targets: checkTargets(results) };
  },
  report: ({ targets, ...results }, { config, meta }) =>
    `MessageBus benchmark — node ${meta['node']}, RabbitMQ ${meta['rabbitmq'] ?? '?'}` +
    `${config.postgres ? `, Postgres ${meta['postgres'] ?? '?'}` : ''}, ${meta['cpus']} CPUs` +
    `${config.telemetry ? ', OpenTelemetry ON' : ''}, ${meta['durationS']} s\n` +
    renderTable(results, targets, config),
});
