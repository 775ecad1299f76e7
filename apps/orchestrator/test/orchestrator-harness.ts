import type { INestApplication } from '@nestjs/common';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_API_KEY,
  TestDatabase,
  TestTopology,
  uniqueTopology,
} from '@pokervod/testing';
import { AppModule } from '../src/app.module';
import { orchestratorConfigSchema } from '../src/orchestrator.config';

/** A migrated test database and its own RabbitMQ names, shared by the orchestrators of one test file. */
export async function orchestratorWorld(prefix: string): Promise<{
  db: TestDatabase;
  topology: TestTopology;
  cleanUp(): Promise<void>;
}> {
  const db = await createTestDatabase(prefix);
  const result = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
  if (!result.ok) throw new Error(`migrations failed: ${result.error}`);
  const topology = uniqueTopology(prefix);
  return {
    db,
    topology,
    cleanUp: async () => {
      await deleteTopology(topology);
      await db.drop();
    },
  };
}

/** Re-exported for this app's specs. */
export { TEST_API_KEY };

/** The real orchestrator app, in this process, listening on a free port. */
export async function startOrchestrator(
  world: { db: TestDatabase; topology: TestTopology },
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig('orchestrator', orchestratorConfigSchema, {
    DATABASE_URL: world.db.url,
    AMQP_URL: TEST_AMQP_URL,
    AMQP_EXCHANGE: world.topology.exchange,
    AMQP_COMMAND_EXCHANGE: world.topology.commandExchange,
    AMQP_QUEUE_PREFIX: world.topology.queuePrefix,
    ORCHESTRATOR_API_KEY: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    PORT: '1',
    SYNC_TIMEOUT_SWEEP_MS: '100',
    SCHEDULE_FULL_SYNC: 'off',
    SCHEDULE_SHEETS_SYNC: 'off',
    SCHEDULE_NAS_SCAN: 'off',
    COMMAND_RETRY_DELAY_SCALE: '0.001',
    COMMAND_TIMEOUT_MS: '2000',
    ...env,
  });
  const app = await createServiceApp(AppModule.register(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
