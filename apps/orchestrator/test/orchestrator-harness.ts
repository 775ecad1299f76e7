import type { EventEnvelope } from '@pokervod/contracts';
import { BlockDoubles } from '@pokervod/block-doubles';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { startServiceApp } from '@pokervod/service-kit';
import { TEST_API_KEY } from '@pokervod/testing';
import { TestWorld, testWorld, useAppInWorld } from '@pokervod/test-world';
import { AppModule } from '../src/app.module';
import { orchestratorConfigSchema } from '../src/orchestrator.config';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };

/** The real orchestrator app, in this process, on `world`'s database and broker names, listening on a free port. */
export function startOrchestrator(world: Pick<TestWorld, 'env'>, env: Record<string, string> = {}) {
  return startServiceApp('orchestrator', orchestratorConfigSchema, (config) => AppModule.register(config), {
    ...world.env,
    PORT: '1',
    SYNC_TIMEOUT_SWEEP_MS: '100',
    SCHEDULE_FULL_SYNC: 'off',
    SCHEDULE_SHEETS_SYNC: 'off',
    SCHEDULE_NAS_SCAN: 'off',
    COMMAND_RETRY_DELAY_SCALE: '0.001',
    COMMAND_TIMEOUT_MS: '2000',
    ...env,
  });
}

/**
 * A test world with blocks A–D as doubles (started) and a client bus that
 * sends commands and records the events the orchestrator publishes.
 */
export interface OrchestratorWorld extends TestWorld {
  doubles: BlockDoubles;
  client: MessageBus;
  /** Every `system.*` and `sync.*` event, in the order they came. */
  events: EventEnvelope[];
}

export async function orchestratorWorld(prefix: string): Promise<OrchestratorWorld> {
  const world = await testWorld(prefix);
  const doubles = new BlockDoubles(world.topology);
  const events: EventEnvelope[] = [];
  const client = new MessageBus({ ...world.bus, app: 'watcher', block: 'E', retryPolicy: RETRY_POLICIES.E });
  client.on('system.#', (e) => void events.push(e));
  client.on('sync.#', (e) => void events.push(e));
  const cleanUp = async () => {
    await client.stop().catch(() => undefined);
    await doubles.stop().catch(() => undefined);
    await world.cleanUp();
  };
  try {
    await doubles.start();
    await client.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { ...world, doubles, client, events, cleanUp };
}

/**
 * For one test file: an `orchestratorWorld` and the orchestrator in it,
 * before its tests, stopped after them (see `useAppInWorld`). Read `url`,
 * `app`, `doubles`, `client`, `events` and `world` inside the tests.
 */
export function useOrchestratorInWorld(prefix: string, env: Record<string, string> = {}) {
  return useAppInWorld(
    () => orchestratorWorld(prefix),
    async (world) => ({
      ...(await startOrchestrator(world, env)),
      doubles: world.doubles,
      client: world.client,
      events: world.events,
    }),
  );
}
