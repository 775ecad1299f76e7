/**
 * Throw-away broker names and databases for a benchmark, registered for
 * clean-up the moment they exist: `benchWorld` is `testWorld` from
 * `@pokervod/test-world` (a migrated database, its own RabbitMQ names, the
 * env a service reads, client bus options); `benchTopology` is RabbitMQ names
 * alone, for paths that need no database. Every topology is also swept once
 * more at the very end (a channel still closing can re-declare an exchange
 * after the first delete). Leftovers after a `kill -9` are named
 * `test-<prefix>-*` (RabbitMQ) and `pokervod_test_<prefix>_*` (Postgres).
 */
import { TestWorld, TestWorldOptions, testWorld } from '@pokervod/test-world';
import {
  RABBITMQ_API,
  TEST_AMQP_URL,
  TEST_POSTGRES_URL,
  TestTopology,
  deleteTopology,
  uniqueTopology,
} from '@pokervod/testing';
import { onCleanup, progress, sleep } from './util';

export type { TestWorld } from '@pokervod/test-world';

const everyTopology: TestTopology[] = [];

function remember(topology: TestTopology): void {
  // Registered before anything else of this benchmark, so it runs after everything else (LIFO).
  if (everyTopology.length === 0)
    onCleanup('final topology sweep', async () => {
      await sleep(300);
      for (const t of everyTopology) await deleteTopology(t);
    });
  everyTopology.push(topology);
}

export interface BenchWorld extends TestWorld {
  /** Cleans up now (see `TestWorld.cleanUp`) instead of at the end. */
  remove(): Promise<void>;
}

/**
 * `testWorld(prefix)`, cleaned up at the end of the run (or by `remove()`).
 * With `keepDb` only the topology goes; the database stays for a look inside
 * (its URL is printed).
 */
export async function benchWorld(
  prefix: string,
  options: TestWorldOptions & { keepDb?: boolean } = {},
): Promise<BenchWorld> {
  const world = await testWorld(prefix, options);
  remember(world.topology);
  const cleanUp = options.keepDb
    ? async () => {
        await deleteTopology(world.topology);
        progress(`database kept: ${world.db.url}`);
      }
    : () => world.cleanUp();
  const remove = onCleanup(`clean up ${world.db.name} and ${world.topology.id}`, cleanUp);
  return { ...world, remove };
}

/** RabbitMQ names alone (no database), deleted at the end of the run or by `remove()`. */
export function benchTopology(prefix: string): { topology: TestTopology; remove(): Promise<void> } {
  const topology = uniqueTopology(prefix);
  remember(topology);
  return { topology, remove: onCleanup(`delete topology ${topology.id}`, () => deleteTopology(topology)) };
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Broker and database endpoints and the RabbitMQ/Erlang versions (management API, best effort), for `meta`. */
export async function brokerEnvironment(postgres = true): Promise<Record<string, unknown>> {
  const info: Record<string, unknown> = {
    amqpUrl: redact(TEST_AMQP_URL),
    postgresUrl: postgres ? redact(TEST_POSTGRES_URL) : null,
    rabbitmq: null,
    erlang: null,
  };
  try {
    const url = new URL(`${RABBITMQ_API}/overview`);
    const auth = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString(
      'base64',
    );
    url.username = '';
    url.password = '';
    const res = await fetch(url, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { rabbitmq_version?: string; erlang_version?: string };
    info['rabbitmq'] = body.rabbitmq_version ?? null;
    info['erlang'] = body.erlang_version ?? null;
  } catch {
    // versions are nice to have
  }
  return info;
}
