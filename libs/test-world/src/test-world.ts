/// <reference types="jest" />
// For `useAppInWorld`, which registers Jest hooks; the rest runs anywhere (benchmarks too).
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
        // The database goes even when the management API fails: the error still reaches the caller.
        try {
          await deleteTopology(topology);
        } finally {
          await db.drop();
        }
      })()),
  };
}

/** What `startInWorld` started, with its world and one stop for both. */
export type InWorld<T, W extends TestWorld = TestWorld> = T & {
  world: W;
  /** Closes the app, then cleans the world up. */
  stop(): Promise<void>;
};

/**
 * A world — a new `testWorld(prefix)`, or what `world()` makes (an app's own
 * world with more in it) — and one app started in it by `start`: an app
 * harness's start, or `startServiceApp` with `world.env`. `stop()` closes the
 * app and cleans the world up; a start that fails cleans the world up before
 * it throws.
 */
export async function startInWorld<T extends { app: { close(): Promise<unknown> } }, W extends TestWorld = TestWorld>(
  world: string | (() => Promise<W>),
  start: (world: W) => Promise<T>,
  options: TestWorldOptions = {},
): Promise<InWorld<T, W>> {
  const made = (typeof world === 'string' ? await testWorld(world, options) : await world()) as W;
  let started: T;
  try {
    started = await start(made);
  } catch (error) {
    await made.cleanUp();
    throw error;
  }
  return {
    ...started,
    world: made,
    stop: async () => {
      try {
        await started.app.close();
      } finally {
        await made.cleanUp();
      }
    },
  };
}

/**
 * For one test file (or `describe`): `startInWorld` before its tests, `stop()`
 * after them — it registers the `beforeAll` and `afterAll`. The object it
 * returns is filled in once `beforeAll` has run: read `app`, `url` and
 * `world` inside the tests.
 */
export function useAppInWorld<T extends { app: { close(): Promise<unknown> } }, W extends TestWorld = TestWorld>(
  world: string | (() => Promise<W>),
  start: (world: W) => Promise<T>,
  options: TestWorldOptions & { timeoutMs?: number } = {},
): InWorld<T, W> {
  const running = {} as InWorld<T, W>;
  beforeAll(async () => {
    Object.assign(running, await startInWorld(world, start, options));
  }, options.timeoutMs ?? 60_000);
  afterAll(async () => {
    await running.stop?.();
  });
  return running;
}
