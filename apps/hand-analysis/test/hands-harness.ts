import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import type { EventEnvelope } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { startServiceApp } from '@pokervod/service-kit';
import { TEST_AMQP_URL, TEST_API_KEY, TestTopology } from '@pokervod/testing';
import { TestWorld, startInWorld } from '@pokervod/test-world';
import { AppModule } from '../src/app.module';
import { handsConfigSchema } from '../src/hand-analysis.config';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };
export const EXAMPLE_TAXONOMY = path.join(__dirname, '..', 'taxonomy.example.yaml');

/** The real hand-analysis app, in this process, on `world`'s database and broker names, listening on a free port. */
export function startHandsApp(world: Pick<TestWorld, 'env'>, env: Record<string, string> = {}) {
  return startServiceApp('hand-analysis', handsConfigSchema, (config) => AppModule.register(config), {
    ...world.env,
    ...env,
  });
}

/**
 * The real hand-analysis app in a new test world, plus a client bus that
 * sends commands and records every `hand.*` and `system.*` event.
 */
export async function startHands(prefix: string, env: Record<string, string> = {}) {
  const hands = await startInWorld(prefix, (world) => startHandsApp(world, env));
  const events: EventEnvelope[] = [];
  const client = new MessageBus({
    ...hands.world.bus,
    app: 'hands-watcher',
    block: 'orchestrator',
    retryPolicy: RETRY_POLICIES.E,
  });
  client.on('hand.#', (e) => void events.push(e));
  client.on('system.#', (e) => void events.push(e));
  await client.start().catch(async (error) => {
    await hands.stop();
    throw error;
  });

  return {
    db: hands.world.db,
    topology: hands.world.topology,
    app: hands.app,
    url: hands.url,
    client,
    events,
    async stop(): Promise<void> {
      await client.stop().catch(() => undefined);
      await hands.stop();
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
