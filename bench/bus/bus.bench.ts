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
 * See bench/README.md. Only node built-ins and amqplib/pg-free modules are
 * imported statically, so --telemetry can start OpenTelemetry before
 * amqplib and pg are loaded (as the apps' `./instrument` does).
 */
import * as os from 'node:os';
import { Config, USAGE, parseConfig } from './config';
import { BenchResults, checkTargets, loadNote, renderTable } from './report';
import { abort, progress, runAllCleanups } from './util';

async function main(): Promise<void> {
  let cfg: Config | null;
  try {
    cfg = parseConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (!cfg) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const config = cfg;
  const overall = setTimeout(
    () => void abort(`overall timeout of ${config.timeoutS} s reached`, 2),
    config.timeoutS * 1000,
  );
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));

  if (config.telemetry) {
    const { startTelemetry } = await import('@pokervod/telemetry');
    const shutdown = startTelemetry('bus-bench');
    const { onCleanup } = await import('./util');
    onCleanup('stop telemetry', shutdown);
    progress('OpenTelemetry started (amqplib + pg instrumented, bus spans recorded)');
  }
  const { environment, runPhases } = await import('./phases');

  const meta: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ...(await environment(config)),
  };
  const started = performance.now();
  const { inMemory, postgres, postgresBatched } = await runPhases(config, meta);
  meta['durationS'] = Math.round((performance.now() - started) / 100) / 10;
  meta['loadAverageAtEnd'] = os.loadavg().map((l) => Math.round(l * 100) / 100);

  const partial = { meta, config: { ...config }, inMemory, postgres, postgresBatched };
  const targets = checkTargets(partial);
  const results: BenchResults = { ...partial, targets, pass: targets.every((t) => t.info || t.pass) };
  clearTimeout(overall);
  await runAllCleanups(); // normally nothing is left; stops telemetry

  const out = config.json
    ? `${JSON.stringify(results, null, 2)}\n`
    : `MessageBus benchmark — node ${meta['node']}, RabbitMQ ${meta['rabbitmq'] ?? '?'}` +
      `${config.postgres ? `, Postgres ${meta['postgres'] ?? '?'}` : ''}, ${meta['cpus']} CPUs` +
      `${config.telemetry ? ', OpenTelemetry ON' : ''}, ${meta['durationS']} s\n` +
      renderTable(results) +
      loadNote(meta);
  const code = config.check && !results.pass ? 1 : 0;
  process.stdout.write(out, () => process.exit(code));
}

main().catch((error: Error) => void abort(error.stack ?? error.message, 2));
