import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MigrationResultSchema } from '@pokervod/contracts';
import { TEST_POSTGRES_URL, reserveTestDatabase, type TestDatabase } from '@pokervod/testing';
import { runMigrateJob } from './migrate-job';

jest.setTimeout(60_000);

/** Runs the job, capturing what it writes to stdout and stderr. */
async function runCapturing(
  url: string,
  roles: Parameters<typeof runMigrateJob>[1] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runMigrateJob(url, roles);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('runMigrateJob', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('creates the database, migrates everything, prints one JSON result line and exits 0; then is a no-op', async () => {
    db = reserveTestDatabase('migrate_job'); // not created: the job creates it
    const url = db.url;

    const first = await runCapturing(url);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout.endsWith('\n')).toBe(true);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    const result = MigrationResultSchema.parse(JSON.parse(first.stdout));
    expect(result.ok).toBe(true);
    expect(result.applied.length).toBeGreaterThan(0);
    expect(result.applied).toContainEqual({
      schema: 'orchestrator',
      name: 'OrchestratorSyncState1761000000000',
    });

    const second = await runCapturing(url);
    expect(second.code).toBe(0);
    expect(MigrationResultSchema.parse(JSON.parse(second.stdout))).toMatchObject({ applied: [], pending_before: 0 });
  });

  it('exits 1 with one clear stderr line when Postgres is unreachable', async () => {
    const { code, stdout, stderr } = await runCapturing('postgres://postgres:secret@127.0.0.1:1/pokervod');
    expect(code).toBe(1);
    expect(MigrationResultSchema.parse(JSON.parse(stdout))).toMatchObject({
      ok: false,
      applied: [],
    });
    expect(stderr).toMatch(/^migration failed: Postgres unreachable at 127\.0\.0\.1:1\/pokervod: .*ECONNREFUSED.*\n$/);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stdout + stderr).not.toContain('secret');
  });

  it('with schema roles: each block role works in its own schema and is refused in another', async () => {
    db = reserveTestDatabase('migrate_roles');
    const prefix = `pvjob_${randomBytes(4).toString('hex')}_`;
    const roles = [
      { schema: 'catalog', role: `${prefix}catalog` },
      { schema: 'hands', role: `${prefix}hands` },
    ];
    try {
      const { code } = await runCapturing(db.url, roles);
      expect(code).toBe(0);
      const asCatalog = new URL(db.url);
      asCatalog.username = `${prefix}catalog`;
      const client = new Client({ connectionString: asCatalog.toString() });
      await client.connect();
      try {
        // The block's own tables, as the real migrations made them (outbox: a bigserial).
        await client.query(`INSERT INTO catalog.outbox (event_id, routing_key, body) VALUES ('e1', 'k', '{}')`);
        const { rows } = await client.query('SELECT count(*)::int AS n FROM catalog.migrations');
        expect(rows[0].n).toBeGreaterThan(0);
        await expect(client.query('SELECT * FROM hands.outbox')).rejects.toMatchObject({ code: '42501' });
        await expect(client.query('SELECT * FROM orchestrator.sync_runs')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
      db = undefined;
      const admin = new Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      for (const { role } of roles) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
  });
});
