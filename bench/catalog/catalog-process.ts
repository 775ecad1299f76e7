/**
 * The catalog under test: a child of catalog.bench.ts running the real
 * catalog app module (handlers, repositories, bus, HTTP), configured from
 * its environment like the app, without OpenTelemetry (as with
 * OTEL_SDK_DISABLED). Reports its memory over IPC so that the RSS measured
 * is the catalog's alone.
 *
 * BENCH_MODE=baseline runs, instead of the catalog, the bus alone as the
 * catalog's bus is configured (same DataSource options, schema, prefetch,
 * retry policy) with a handler for `nas.file.added` that does nothing: the
 * inbox row and the commit are all the work. Its events/s is what this
 * machine allows the catalog before the catalog does anything.
 *
 * Protocol: child → {type:'ready', rssMb}; child → {type:'memory', rssMb,
 * heapUsedMb} every SAMPLE_MS; parent → {type:'exit'}: close the app, exit.
 */
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { postgresDataSourceOptions } from '@pokervod/persistence';
import { retryPolicyFor } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import { AppModule } from '../../apps/catalog/src/app.module';
import { catalogConfigSchema } from '../../apps/catalog/src/catalog.config';

const MB = 1024 * 1024;
const send = (message: Record<string, unknown>): void => void process.send?.(message);
const memory = () => {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB };
};

/** The catalog app, as main.ts starts it (minus telemetry and signal handling). */
async function startCatalog(): Promise<() => Promise<unknown>> {
  const config = loadConfig('catalog', catalogConfigSchema);
  const app = await createServiceApp(AppModule.register(config), { logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  return () => app.close();
}

/** The catalog's bus with a do-nothing handler: the ceiling the machine sets. */
async function startBaseline(): Promise<() => Promise<unknown>> {
  const config = loadConfig('catalog', catalogConfigSchema);
  const dataSource = await new DataSource(
    postgresDataSourceOptions({
      url: config.DATABASE_URL,
      schema: 'catalog',
      entities: [],
      applicationName: 'catalog',
    }),
  ).initialize();
  const bus = new MessageBus({
    url: config.AMQP_URL,
    app: 'catalog',
    block: 'B',
    retryPolicy: retryPolicyFor('B'),
    exchange: config.AMQP_EXCHANGE,
    commandExchange: config.AMQP_COMMAND_EXCHANGE,
    queuePrefix: config.AMQP_QUEUE_PREFIX,
    prefetch: config.AMQP_PREFETCH,
    dataSource,
    schema: 'catalog',
  });
  bus.on(EventType.NAS_FILE_ADDED, () => undefined);
  await bus.start();
  return async () => {
    await bus.stop();
    await dataSource.destroy();
  };
}

async function main(): Promise<void> {
  const stop = process.env['BENCH_MODE'] === 'baseline' ? await startBaseline() : await startCatalog();
  const sampleMs = Number(process.env['BENCH_SAMPLE_MS'] ?? 100);
  const timer = setInterval(() => send({ type: 'memory', ...memory() }), sampleMs);
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'exit') return;
    clearInterval(timer);
    void stop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', ...memory() });
}

main().catch((error: Error) => {
  process.stderr.write(`catalog process failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
