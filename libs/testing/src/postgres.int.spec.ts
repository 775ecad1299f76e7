import { Client } from 'pg';
import { createTestDatabase, terminateBackends, testDatabaseName, urlForDatabase, type TestDatabase } from './postgres';
import { waitFor } from './wait-for';

jest.setTimeout(30_000);

async function connectAs(url: string, applicationName: string): Promise<{ client: Client; closed: Promise<void> }> {
  const client = new Client({
    connectionString: url,
    application_name: applicationName,
  });
  // A terminated backend surfaces as an 'error' then 'end' on the client.
  client.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await client.connect();
  return { client, closed };
}

async function databaseExists(name: string): Promise<boolean> {
  const { client } = await connectAs(urlForDatabase('postgres'), 'pokervod-testing-spec');
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('test databases', () => {
  it('names databases uniquely, safely and within 63 characters', () => {
    const name = testDatabaseName('Weird Prefix!-' + 'x'.repeat(80));
    expect(name).toMatch(/^pokervod_test_[a-z0-9_]+_[0-9a-f]{10}$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(testDatabaseName('a')).not.toBe(testDatabaseName('a'));
  });

  it('creates a database and drops it even while someone is connected', async () => {
    const db = await createTestDatabase('testing');
    expect(db.name).toMatch(/^pokervod_test_testing_/);
    expect(await databaseExists(db.name)).toBe(true);

    const { client, closed } = await connectAs(db.url, 'pokervod-testing-lingering');
    await db.drop();
    await closed;
    expect(await databaseExists(db.name)).toBe(false);
    await db.drop(); // idempotent
    await client.end().catch(() => undefined);
  });
});

describe('terminateBackends', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('terminate');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('kills only the backends whose application_name matches', async () => {
    const victim = await connectAs(db.url, 'victim-app-1');
    const bystander = await connectAs(db.url, 'bystander-app');

    expect(await terminateBackends(db.url, 'victim-%')).toBe(1);

    await victim.closed;
    await expect(victim.client.query('SELECT 1')).rejects.toThrow();
    await expect(bystander.client.query('SELECT 1 AS alive')).resolves.toMatchObject({ rows: [{ alive: 1 }] });
    // The backend process exits asynchronously; once gone there is nothing left to match.
    await waitFor(async () => (await terminateBackends(db.url, 'victim-%')) === 0, { timeoutMs: 2_000 });
    await bystander.client.end();
  });
});
