import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@pokervod/testing';
import { postgresDataSourceOptions } from './data-source-options';
import { messagingTablesMigration } from './messaging-tables.migration';
import type { MigrationClass } from './migration-class';
import { pendingMigrations } from './pending-migrations';
import { DatabaseUnreachableError } from './pg-client';
import { MIGRATION_LOCK_KEY, runMigrations, type MigrationPlanStep } from './run-migrations';

jest.setTimeout(60_000);

class CreateWidgets1700000000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE alpha.widgets (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE alpha.widgets');
  }
}

class CreateGadgets1700000000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE beta.gadgets (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE beta.gadgets');
  }
}

/** Creates a table, then fails: the table must vanish with the rollback. */
class BrokenHalfway1700000000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE beta.half_done (id int)');
    throw new Error('boom: broken on purpose');
  }
  async down(): Promise<void> {
    return undefined;
  }
}

/** Would run after the broken one; must never run. */
class AfterBroken1700000000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE beta.after_broken (id int)');
  }
  async down(): Promise<void> {
    return undefined;
  }
}

const plan: MigrationPlanStep[] = [
  {
    schema: 'alpha',
    migrations: [messagingTablesMigration('alpha'), CreateWidgets1700000000100],
  },
  {
    schema: 'beta',
    migrations: [CreateGadgets1700000000100, messagingTablesMigration('beta')],
  },
];

async function query<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, qualifiedName: string): Promise<boolean> {
  const [row] = await query<{ found: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS found', [qualifiedName]);
  return row?.found ?? false;
}

async function history(url: string, schema: string): Promise<string[]> {
  const rows = await query<{ name: string }>(url, `SELECT name FROM "${schema}".migrations ORDER BY id`);
  return rows.map((row) => row.name);
}

describe('runMigrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('persistence');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('applies every pending migration, schema by schema, in timestamp order; a second run is a no-op', async () => {
    const first = await runMigrations({ url: db.url, plan });
    expect(first).toMatchObject({ ok: true, error: null, pending_before: 4 });
    expect(first.applied).toEqual([
      { schema: 'alpha', name: 'MessagingTables1700000000000' },
      { schema: 'alpha', name: 'CreateWidgets1700000000100' },
      { schema: 'beta', name: 'MessagingTables1700000000000' },
      { schema: 'beta', name: 'CreateGadgets1700000000100' },
    ]);
    expect(first.duration_ms).toBeGreaterThanOrEqual(0);
    for (const table of ['alpha.inbox', 'alpha.outbox', 'alpha.widgets', 'beta.inbox', 'beta.outbox', 'beta.gadgets']) {
      expect(await tableExists(db.url, table)).toBe(true);
    }
    expect(await history(db.url, 'beta')).toEqual(['MessagingTables1700000000000', 'CreateGadgets1700000000100']);

    const second = await runMigrations({ url: db.url, plan });
    expect(second).toMatchObject({
      ok: true,
      applied: [],
      pending_before: 0,
      error: null,
    });
  });

  it('creates the messaging tables exactly as the messaging library expects', async () => {
    await runMigrations({ url: db.url, plan: [plan[0] as MigrationPlanStep] });
    await query(
      db.url,
      `INSERT INTO alpha.outbox (event_id, routing_key, body) VALUES ('e1', 'nas.scan.completed', '{"a":1}')`,
    );
    await query(db.url, `INSERT INTO alpha.inbox (event_id, consumer) VALUES ('e1', 'catalog')`);
    await expect(
      query(db.url, `INSERT INTO alpha.inbox (event_id, consumer) VALUES ('e1', 'catalog')`),
    ).rejects.toThrow(/duplicate key/);
    const [outbox] = await query(db.url, 'SELECT id, headers FROM alpha.outbox');
    expect(outbox).toEqual({ id: '1', headers: {} });
    const [index] = await query(
      db.url,
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'alpha' AND indexname = 'inbox_handled_at'`,
    );
    expect(index?.['indexdef']).toMatch(/\(handled_at\)/);
  });

  it('rolls back a failing migration, records nothing for it, stops, and keeps earlier ones', async () => {
    const failingPlan: MigrationPlanStep[] = [
      plan[0] as MigrationPlanStep,
      {
        schema: 'beta',
        migrations: [messagingTablesMigration('beta'), BrokenHalfway1700000000200, AfterBroken1700000000300],
      },
      { schema: 'gamma', migrations: [messagingTablesMigration('gamma')] },
    ];

    const result = await runMigrations({ url: db.url, plan: failingPlan });

    expect(result.ok).toBe(false);
    expect(result.error).toBe('beta/BrokenHalfway1700000000200: boom: broken on purpose');
    expect(result.pending_before).toBe(6);
    expect(result.applied).toEqual([
      { schema: 'alpha', name: 'MessagingTables1700000000000' },
      { schema: 'alpha', name: 'CreateWidgets1700000000100' },
      { schema: 'beta', name: 'MessagingTables1700000000000' },
    ]);
    expect(await tableExists(db.url, 'beta.half_done')).toBe(false);
    expect(await tableExists(db.url, 'beta.after_broken')).toBe(false);
    expect(await tableExists(db.url, 'beta.outbox')).toBe(true);
    expect(await history(db.url, 'beta')).toEqual(['MessagingTables1700000000000']);
    // The run stopped: later schemas were not touched.
    expect(await tableExists(db.url, 'gamma.outbox')).toBe(false);

    // Once fixed (the broken migration dropped from the plan), the next run picks up where it stopped.
    const fixedPlan = failingPlan.map((step) => ({
      ...step,
      migrations: step.migrations.filter((migration) => migration !== BrokenHalfway1700000000200),
    }));
    const retry = await runMigrations({ url: db.url, plan: fixedPlan });
    expect(retry).toMatchObject({ ok: true, pending_before: 2 });
    expect(retry.applied).toEqual([
      { schema: 'beta', name: 'AfterBroken1700000000300' },
      { schema: 'gamma', name: 'MessagingTables1700000000000' },
    ]);
  });

  it('serialises concurrent runners: both succeed, each migration runs exactly once', async () => {
    const [a, b] = await Promise.all([
      runMigrations({ url: db.url, plan, applicationName: 'runner-a' }),
      runMigrations({ url: db.url, plan, applicationName: 'runner-b' }),
    ]);

    expect(a.ok).toBe(true);
    expect(b.ok).toBe(true);
    // Whoever got the lock first did all the work; the other found nothing pending.
    const [winner, waiter] = a.applied.length > 0 ? [a, b] : [b, a];
    expect(winner.applied).toHaveLength(4);
    expect(winner.pending_before).toBe(4);
    expect(waiter).toMatchObject({ applied: [], pending_before: 0 });
    for (const schema of ['alpha', 'beta']) {
      const rows = await query<{ name: string; runs: string }>(
        db.url,
        `SELECT name, count(*) AS runs FROM "${schema}".migrations GROUP BY name`,
      );
      expect(rows.every((row) => row.runs === '1')).toBe(true);
      expect(rows).toHaveLength(2);
    }
  });

  it('waits while another runner holds the migration lock', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const run = runMigrations({ url: db.url, plan });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await tableExists(db.url, 'alpha.migrations')).toBe(false);

      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      expect(await run).toMatchObject({ ok: true, pending_before: 4 });
    } finally {
      await holder.end();
    }
  });

  it('reports a migration whose name TypeORM would reject as a failure, not a crash', async () => {
    class NoTimestamp implements MigrationInterface {
      async up(): Promise<void> {
        return undefined;
      }
      async down(): Promise<void> {
        return undefined;
      }
    }
    const result = await runMigrations({
      url: db.url,
      plan: [{ schema: 'alpha', migrations: [NoTimestamp] }],
    });
    expect(result).toMatchObject({ ok: false, applied: [], pending_before: 0 });
    expect(result.error).toMatch(/NoTimestamp.*13-digit JavaScript timestamp/);
  });

  it('throws a clear error when Postgres is unreachable', async () => {
    const unreachable = 'postgres://postgres@127.0.0.1:1/pokervod';
    await expect(runMigrations({ url: unreachable, plan })).rejects.toThrow(DatabaseUnreachableError);
    await expect(runMigrations({ url: unreachable, plan })).rejects.toThrow(
      /^Postgres unreachable at 127\.0\.0\.1:1\/pokervod: .*ECONNREFUSED/,
    );
  });
});

describe('pendingMigrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('pending');
  });
  afterEach(async () => {
    await db.drop();
  });

  const alpha = plan[0] as MigrationPlanStep;

  it('lists everything for a schema never migrated, and nothing once migrated (by url)', async () => {
    const input = {
      url: db.url,
      schema: 'alpha',
      migrations: alpha.migrations,
    };
    expect(await pendingMigrations(input)).toEqual(['MessagingTables1700000000000', 'CreateWidgets1700000000100']);

    await runMigrations({
      url: db.url,
      plan: [{ schema: 'alpha', migrations: [messagingTablesMigration('alpha')] }],
    });
    expect(await pendingMigrations(input)).toEqual(['CreateWidgets1700000000100']);

    await runMigrations({ url: db.url, plan: [alpha] });
    expect(await pendingMigrations(input)).toEqual([]);
  });

  it('works through an app DataSource whose default schema is another one', async () => {
    const dataSource = new DataSource(
      postgresDataSourceOptions({
        url: db.url,
        schema: 'public',
        entities: [],
        applicationName: 'pending-spec',
      }),
    );
    await dataSource.initialize();
    try {
      const input = {
        dataSource,
        schema: 'alpha',
        migrations: alpha.migrations as MigrationClass[],
      };
      expect(await pendingMigrations(input)).toHaveLength(2);
      await runMigrations({ url: db.url, plan: [alpha] });
      expect(await pendingMigrations(input)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
