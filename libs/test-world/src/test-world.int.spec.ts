import { Client } from 'pg';
import { urlForDatabase } from '@pokervod/testing';
import { TestWorld, startInWorld, testWorld, useAppInWorld } from './test-world';

const databaseExists = async (name: string) =>
  (await query(urlForDatabase('postgres'), 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('testWorld', () => {
  it('gives a migrated database, its own broker names and the env pointing at both; cleanUp removes the database', async () => {
    const world = await testWorld('tw');
    try {
      const schemas = await query<{ nspname: string }>(world.db.url, 'SELECT nspname FROM pg_namespace');
      expect(schemas.map((s) => s.nspname)).toEqual(expect.arrayContaining(['catalog', 'hands', 'orchestrator']));
      expect(world.env['DATABASE_URL']).toBe(world.db.url);
      expect(world.env['AMQP_EXCHANGE']).toBe(world.topology.exchange);
      expect(world.topology.exchange.startsWith(world.topology.id)).toBe(true);
      expect(world.bus.queuePrefix).toBe(world.topology.queuePrefix);
    } finally {
      await world.cleanUp();
      await world.cleanUp(); // idempotent
    }
    expect(await databaseExists(world.db.name)).toBe(false);
  });

  it('leaves the database empty when asked not to migrate', async () => {
    const world = await testWorld('tw-bare', { migrate: false });
    try {
      const schemas = await query(world.db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'catalog'");
      expect(schemas).toHaveLength(0);
    } finally {
      await world.cleanUp();
    }
  });
});

describe('startInWorld', () => {
  it('cleans the world up when the start fails, and after closing the app on stop()', async () => {
    let failed: TestWorld | undefined;
    await expect(
      startInWorld(
        'tw-fail',
        async (world) => {
          failed = world;
          throw new Error('no start');
        },
        { migrate: false },
      ),
    ).rejects.toThrow('no start');
    expect(await databaseExists(failed!.db.name)).toBe(false);

    const closed: boolean[] = [];
    const running = await startInWorld(
      'tw-app',
      async (world) => ({
        app: { close: async () => void closed.push(await databaseExists(world.db.name)) },
        url: world.env['DATABASE_URL'],
      }),
      { migrate: false },
    );
    expect(running.url).toBe(running.world.db.url);
    await running.stop();
    expect(closed).toEqual([true]); // the app closed while its database was still there
    expect(await databaseExists(running.world.db.name)).toBe(false);
  });
});

describe('useAppInWorld', () => {
  const running = useAppInWorld(
    'tw-use',
    async (world) => ({ app: { close: async () => undefined }, url: world.env['DATABASE_URL'] }),
    { migrate: false },
  );

  it('starts the app in its world before the tests', () => {
    expect(running.url).toBe(running.world.db.url);
  });
});
