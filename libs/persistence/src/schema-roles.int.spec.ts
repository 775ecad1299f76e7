import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '@pokervod/testing';
import { ensureSchemaRoles, quoteLiteral, schemaRoleGrants } from './schema-roles';

jest.setTimeout(60_000);

/** A URL for `role` (with `password`) on the test database. */
function urlAs(db: TestDatabase, role: string, password?: string): string {
  const url = new URL(db.url);
  url.username = role;
  url.password = password ?? '';
  return url.toString();
}

async function asRole<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('ensureSchemaRoles (real Postgres)', () => {
  let db: TestDatabase;
  // Roles are server-wide: a random prefix keeps parallel runs apart.
  const prefix = `pvtest_${randomBytes(4).toString('hex')}_`;
  const catalogRole = `${prefix}catalog`;
  const nasRole = `${prefix}nas`;

  beforeAll(async () => {
    db = await createTestDatabase('roles');
    await asRole(db.url, async (owner) => {
      for (const schema of ['catalog', 'nas']) {
        await owner.query(`CREATE SCHEMA ${schema}`);
        await owner.query(`CREATE TABLE ${schema}.items (id bigserial PRIMARY KEY, name text NOT NULL)`);
      }
    });
    await ensureSchemaRoles(db.url, [
      { schema: 'catalog', role: catalogRole },
      { schema: 'nas', role: nasRole, password: "it's-a-secret" },
    ]);
  });

  afterAll(async () => {
    await db?.drop();
    // The database (and every grant in it) is gone, so the roles can go too.
    for (const role of [catalogRole, nasRole, `${prefix}nope`]) await onServer(`DROP ROLE IF EXISTS "${role}"`);
  });

  it('lets a role read and write its own schema, sequences included', async () => {
    const names = await asRole(urlAs(db, catalogRole), async (client) => {
      await client.query(`INSERT INTO catalog.items (name) VALUES ('WSOP'), ('WPT')`);
      await client.query(`UPDATE catalog.items SET name = 'EPT' WHERE name = 'WPT'`);
      await client.query(`DELETE FROM catalog.items WHERE name = 'WSOP'`);
      return (await client.query('SELECT name FROM catalog.items')).rows.map((r) => r.name);
    });
    expect(names).toEqual(['EPT']);
  });

  it("refuses a role on another block's schema", async () => {
    await asRole(urlAs(db, catalogRole), async (client) => {
      await expect(client.query('SELECT * FROM nas.items')).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for schema nas',
      });
      await expect(client.query(`INSERT INTO nas.items (name) VALUES ('x')`)).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('refuses DDL: only block G changes the schema', async () => {
    await asRole(urlAs(db, catalogRole), async (client) => {
      await expect(client.query('CREATE TABLE catalog.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('DROP TABLE catalog.items')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('CREATE TABLE public.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('grants tables that a later migration creates, and is idempotent', async () => {
    await asRole(db.url, (owner) => owner.query('CREATE TABLE catalog.later (id int)'));
    await ensureSchemaRoles(db.url, [{ schema: 'catalog', role: catalogRole }]);
    const count = await asRole(urlAs(db, catalogRole), async (client) => {
      await client.query('INSERT INTO catalog.later VALUES (1)');
      return (await client.query('SELECT count(*)::int AS n FROM catalog.later')).rows[0].n;
    });
    expect(count).toBe(1);
  });

  it('sets and rotates the password it is given', async () => {
    const hasPassword = async () =>
      asRole(TEST_POSTGRES_URL, async (client) => {
        const { rows } = await client.query('SELECT rolpassword IS NOT NULL AS set FROM pg_authid WHERE rolname = $1', [
          nasRole,
        ]);
        return rows[0].set as boolean;
      });
    expect(await hasPassword()).toBe(true);
    const before = await asRole(
      TEST_POSTGRES_URL,
      async (c) =>
        (await c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [nasRole])).rows[0].rolpassword,
    );
    await ensureSchemaRoles(db.url, [{ schema: 'nas', role: nasRole, password: 'rotated' }]);
    const after = await asRole(
      TEST_POSTGRES_URL,
      async (c) =>
        (await c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [nasRole])).rows[0].rolpassword,
    );
    expect(after).not.toBe(before);
  });

  it('reports an unknown schema with the role and schema named', async () => {
    await expect(ensureSchemaRoles(db.url, [{ schema: 'nope', role: `${prefix}nope` }])).rejects.toThrow(
      new RegExp(
        `Cannot set up role "${prefix}nope" for schema "nope" at 127\\.0\\.0\\.1:5432/.*: schema "nope" does not exist`,
      ),
    );
  });
});

describe('schemaRoleGrants', () => {
  it('grants only the named schema, quoting every identifier', () => {
    const sql = schemaRoleGrants('pokervod', { schema: 'hands', role: 'pokervod_hands' });
    for (const line of sql) expect(line).toMatch(/"pokervod_hands"$/);
    expect(sql.filter((line) => line.includes('SCHEMA'))).toHaveLength(7);
    expect(sql.every((line) => !line.includes('SCHEMA') || line.includes('SCHEMA "hands"'))).toBe(true);
    expect(sql.join('\n')).not.toMatch(/CREATE|ALL PRIVILEGES/);
  });

  it('quotes literals safely and rejects NUL', () => {
    expect(quoteLiteral("a'b")).toBe("'a''b'");
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });
});
