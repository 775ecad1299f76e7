import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import {
  createTestDatabase,
  deleteTopology,
  quietLogger,
  TEST_AMQP_URL,
  TEST_API_KEY,
  uniqueTopology,
  type TestDatabase,
  type TestTopology,
} from '@pokervod/testing';

/**
 * Everything a test or a benchmark needs to run services in isolation: its own
 * database (migrated to the current plan), its own RabbitMQ names, the env that
 * points a service at both, and one clean-up for all of it.
 */
export interface TestWorld {
  db: TestDatabase;
  topology: TestTopology;
  /**
   * The variables every service reads to join this world (database, broker,
   * exchanges, queue prefix, API key) and a silent log. Spread it under a
   * test's own settings: `loadConfig(name, schema, { ...world.env, PORT: '0' })`.
   */
  env: Readonly<Record<string, string>>;
  /** Options for a client `MessageBus` on this world's broker names (add `app`, `block`, `retryPolicy`). */
  bus: {
    url: string;
    exchange: string;
    commandExchange: string;
    queuePrefix: string;
    logger: typeof quietLogger;
  };
  /** Deletes the queues and exchanges, then drops the database. Idempotent. */
  cleanUp(): Promise<void>;
}

export interface TestWorldOptions {
  /** Run the migration plan on the new database (default true); off for tests of migrating itself. */
  migrate?: boolean;
}

/** The broker and database variables of `topology` and `db`, as a service's config reads them. */
export function serviceEnv(db: Pick<TestDatabase, 'url'>, topology: TestTopology): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    AMQP_URL: TEST_AMQP_URL,
    AMQP_EXCHANGE: topology.exchange,
    AMQP_COMMAND_EXCHANGE: topology.commandExchange,
    AMQP_QUEUE_PREFIX: topology.queuePrefix,
    ORCHESTRATOR_API_KEY: TEST_API_KEY,
    LOG_LEVEL: 'silent',
  };
}

/** A new isolated world named after `prefix` (database and queue names start with it). */
export async function testWorld(prefix: string, options: TestWorldOptions = {}): Promise<TestWorld> {
  const db = await createTestDatabase(prefix);
  if (options.migrate ?? true) {
    const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
    if (!migrated.ok) {
      await db.drop();
      throw new Error(`migrations failed on ${db.name}: ${migrated.error}`);
    }
  }
  const topology = uniqueTopology(prefix);
  let cleaned: Promise<void> | undefined;
  return {
    db,
    topology,
    env: Object.freeze(serviceEnv(db, topology)),
    bus: {
      url: TEST_AMQP_URL,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: quietLogger,
    },
    cleanUp: () =>
      (cleaned ??= (async () => {
        await deleteTopology(topology);
        await db.drop();
      })()),
  };
}
