import { MigrationResultSchema } from '@pokervod/contracts';
import { reserveTestDatabase, type TestDatabase } from '@pokervod/testing';
import { runMigrateJob } from './migrate-job';

jest.setTimeout(60_000);

/** Runs the job, capturing what it writes to stdout and stderr. */
async function runCapturing(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
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
    const code = await runMigrateJob(url);
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
});
