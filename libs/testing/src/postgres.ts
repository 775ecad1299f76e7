import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test helpers for the real Postgres on localhost. Every test gets its own
 * throw-away database, so suites run repeatedly and in parallel without
 * seeing each other's rows, locks or migration history.
 */

/** The server tests use; override with TEST_POSTGRES_URL (any database; only host and credentials are used). */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const HELPER_APPLICATION_NAME = 'pokervod-testing';
const MAX_IDENTIFIER_LENGTH = 63;

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Drops the database, disconnecting whoever is still in it. Idempotent. */
  drop(): Promise<void>;
}

/** Creates `pokervod_test_<prefix>_<random>` and returns how to reach and drop it. */
export async function createTestDatabase(prefix = 'db'): Promise<TestDatabase> {
  const database = reserveTestDatabase(prefix);
  await onServer((client) => client.query(`CREATE DATABASE "${database.name}"`));
  return database;
}

/** A fresh name, its URL and drop(), without creating it: for tests of database creation itself. */
export function reserveTestDatabase(prefix = 'db'): TestDatabase {
  const name = testDatabaseName(prefix);
  return {
    url: urlForDatabase(name),
    name,
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A URL on the test server for `name`, whether or not that database exists. */
export function urlForDatabase(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Lower-case, identifier-safe, unique, within Postgres' 63-byte limit. */
export function testDatabaseName(prefix: string): string {
  const random = randomBytes(5).toString('hex');
  const room = MAX_IDENTIFIER_LENGTH - 'pokervod_test__'.length - random.length;
  const safePrefix =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, room) || 'db';
  return `pokervod_test_${safePrefix}_${random}`;
}

/**
 * Narrow fault injection: kills the backends connected to `url`'s database
 * whose application_name matches the LIKE pattern (e.g. `'catalog-%'`),
 * leaving everyone else alone. Returns how many were terminated.
 */
export async function terminateBackends(url: string, applicationNameLike: string): Promise<number> {
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  // pg_terminate_backend sits in the select list so it runs only on rows the WHERE kept.
  const result = await onServer((client) =>
    client.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = $1 AND application_name LIKE $2 AND pid <> pg_backend_pid()`,
      [database, applicationNameLike],
    ),
  );
  return result.rows.filter((row) => row.terminated).length;
}

/** Runs `work` on a connection to the test server's maintenance database. */
async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: TEST_POSTGRES_URL,
    application_name: HELPER_APPLICATION_NAME,
    connectionTimeoutMillis: 5_000,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
