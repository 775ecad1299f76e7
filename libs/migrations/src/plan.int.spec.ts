import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { pendingMigrations, postgresDataSourceOptions, runMigrations } from '@pokervod/persistence';
import { createTestDatabase, type TestDatabase } from '@pokervod/testing';
import { MIGRATION_PLAN } from './plan';

jest.setTimeout(60_000);

async function tablesBySchema(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      table_schema: string;
      table_name: string;
    }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema = ANY($1) ORDER BY table_schema, table_name`,
      [MIGRATION_PLAN.map((step) => step.schema)],
    );
    const result: Record<string, string[]> = {};
    for (const row of rows) (result[row.table_schema] ??= []).push(row.table_name);
    return result;
  } finally {
    await client.end();
  }
}

describe('MIGRATION_PLAN on a real database', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('migrations');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('builds every schema from scratch, leaving nothing pending', async () => {
    const result = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.applied).toHaveLength(result.pending_before);

    const messaging = ['inbox', 'migrations', 'outbox'];
    expect(await tablesBySchema(db.url)).toEqual({
      catalog: ['episodes', 'events', 'files', 'inbox', 'migrations', 'outbox', 'projects', 'seasons'],
      database: messaging,
      hands: ['clip_tags', 'clips', 'inbox', 'migrations', 'outbox', 'tags', 'videos'],
      nas: ['inbox', 'migrations', 'outbox', 'roots', 'scan_diff', 'scan_entries', 'video_files'],
      orchestrator: [
        'block_status',
        'inbox',
        'migrations',
        'outbox',
        'run_row_changes',
        'sheet_rows',
        'sync_runs',
        'sync_steps',
      ],
      search: [
        'clip_tombstones',
        'clips',
        'documents',
        'episodes',
        'events',
        'file_placements',
        'files',
        'inbox',
        'migrations',
        'outbox',
        'projects',
        'refresh_queue',
        'reindex_runs',
        'seasons',
        'sheet_problems',
        'sheet_rows',
        'sheet_syncs',
        'state',
        'sync_history',
      ],
      sheets: ['inbox', 'migrations', 'outbox', 'rows', 'sources'],
    });
    for (const step of MIGRATION_PLAN) {
      expect(
        await pendingMigrations({
          url: db.url,
          schema: step.schema,
          migrations: step.migrations,
        }),
      ).toEqual([]);
    }
  });

  it('every migration can be reverted, leaving only the migration history', async () => {
    await runMigrations({ url: db.url, plan: MIGRATION_PLAN });

    for (const step of MIGRATION_PLAN) {
      const dataSource = new DataSource(
        postgresDataSourceOptions({
          url: db.url,
          schema: step.schema,
          entities: [],
          migrations: step.migrations,
          applicationName: 'migrations-revert-spec',
        }),
      );
      await dataSource.initialize();
      try {
        for (let left = step.migrations.length; left > 0; left--)
          await dataSource.undoLastMigration({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
    }

    const tables = await tablesBySchema(db.url);
    for (const step of MIGRATION_PLAN) expect(tables[step.schema]).toEqual(['migrations']);
  });

  it('keeps orchestrator steps tied to their run', async () => {
    await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO orchestrator.sync_runs (sync_type, status, correlation_id) VALUES ('full', 'running', 'c-1') RETURNING id`,
      );
      const runId = rows[0]?.id;
      await client.query(
        `INSERT INTO orchestrator.sync_steps (run_id, phase, block_id, name, status) VALUES ($1, 1, 'A', 'nas.scan', 'pending')`,
        [runId],
      );
      await expect(
        client.query(
          `INSERT INTO orchestrator.sync_runs (sync_type, status, correlation_id) VALUES ('full', 'running', 'c-1')`,
        ),
      ).rejects.toThrow(/duplicate key/);

      await client.query('DELETE FROM orchestrator.sync_runs WHERE id = $1', [runId]);
      const phases = await client.query('SELECT 1 FROM orchestrator.sync_steps');
      expect(phases.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
