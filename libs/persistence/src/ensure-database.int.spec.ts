import { Client } from 'pg';
import { reserveTestDatabase, type TestDatabase } from '@pokervod/testing';
import { ensureDatabase } from './ensure-database';
import { DatabaseUnreachableError } from './pg-client';

jest.setTimeout(30_000);

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('ensureDatabase', () => {
  let db: TestDatabase;
  beforeEach(() => {
    db = reserveTestDatabase('ensure'); // a name nobody has created yet
  });
  afterEach(async () => {
    await db.drop();
  });

  it('creates a missing database, then is idempotent', async () => {
    expect(await canConnect(db.url)).toBe(false);

    expect(await ensureDatabase(db.url)).toEqual({ created: true });
    expect(await canConnect(db.url)).toBe(true);
    expect(await ensureDatabase(db.url)).toEqual({ created: false });
  });

  it('lets concurrent callers race: exactly one creates, none fails', async () => {
    const results = await Promise.all([ensureDatabase(db.url), ensureDatabase(db.url), ensureDatabase(db.url)]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await canConnect(db.url)).toBe(true);
  });

  it('throws DatabaseUnreachableError when the server is down', async () => {
    await expect(ensureDatabase('postgres://postgres@127.0.0.1:1/nothing')).rejects.toThrow(DatabaseUnreachableError);
  });
});
