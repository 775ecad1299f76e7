import { Client } from 'pg';
import { urlForDatabase } from '@pokervod/testing';
import { testWorld } from './test-world';

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
    const left = await query(urlForDatabase('postgres'), 'SELECT 1 FROM pg_database WHERE datname = $1', [
      world.db.name,
    ]);
    expect(left).toHaveLength(0);
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
