import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import amqplib from 'amqplib';
import type { EventEnvelope } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  quietLogger,
  TEST_AMQP_URL,
  TEST_API_KEY,
  TestDatabase,
  TestTopology,
  uniqueTopology,
} from '@pokervod/testing';
import { AppModule } from '../src/app.module';
import { handsConfigSchema } from '../src/hands.config';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };
export const EXAMPLE_TAXONOMY = path.join(__dirname, '..', 'taxonomy.example.yaml');

/**
 * The real hand-analysis app on a migrated test database and its own
 * RabbitMQ names, plus a client bus that sends commands and records every
 * `hand.*` and `system.*` event.
 */
export async function startHands(prefix: string, env: Record<string, string> = {}) {
  const db: TestDatabase = await createTestDatabase(prefix);
  const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
  if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
  const topology: TestTopology = uniqueTopology(prefix);
  const config = loadConfig('hand-analysis', handsConfigSchema, {
    DATABASE_URL: db.url,
    AMQP_URL: TEST_AMQP_URL,
    AMQP_EXCHANGE: topology.exchange,
    AMQP_COMMAND_EXCHANGE: topology.commandExchange,
    AMQP_QUEUE_PREFIX: topology.queuePrefix,
    ORCHESTRATOR_API_KEY: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app: INestApplication = await createServiceApp(AppModule.register(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();

  const events: EventEnvelope[] = [];
  const client = new MessageBus({
    url: TEST_AMQP_URL,
    app: 'hands-watcher',
    block: 'orchestrator',
    retryPolicy: RETRY_POLICIES.E,
    exchange: topology.exchange,
    commandExchange: topology.commandExchange,
    queuePrefix: topology.queuePrefix,
    logger: quietLogger,
  });
  client.on('hand.#', (e) => void events.push(e));
  client.on('system.#', (e) => void events.push(e));
  await client.start();

  return {
    db,
    topology,
    app,
    url,
    client,
    events,
    async stop(): Promise<void> {
      await client.stop().catch(() => undefined);
      await app.close().catch(() => undefined);
      await deleteTopology(topology);
      await db.drop();
    },
  };
}

export type HandsWorld = Awaited<ReturnType<typeof startHands>>;

/** Publishes one event envelope, `times` times with the same id: a redelivery as the broker would make it. */
export async function publishEnvelope(
  topology: Pick<TestTopology, 'exchange'>,
  event: { type: string; payload: unknown; correlationId: string; id?: string },
  times = 1,
): Promise<string> {
  const id = event.id ?? randomUUID();
  const body = Buffer.from(
    JSON.stringify({
      id,
      type: event.type,
      payload: event.payload,
      timestamp: new Date().toISOString(),
      source_block: 'orchestrator',
      correlation_id: event.correlationId,
      causation_id: null,
      version: 1,
    }),
  );
  const connection = await amqplib.connect(TEST_AMQP_URL);
  try {
    const channel = await connection.createConfirmChannel();
    for (let i = 0; i < times; i++)
      channel.publish(topology.exchange, event.type, body, { persistent: true, messageId: id, type: event.type });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
  return id;
}
