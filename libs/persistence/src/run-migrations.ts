import { DataSource, type Logger } from 'typeorm';
import type { Client } from 'pg';
import type { MigrationResult } from '@pokervod/contracts';
import { postgresDataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import type { MigrationClass } from './migration-class';
import { clientQuery, executedMigrationNames, pendingIn } from './pending-migrations';
import { connectClient, describeError } from './pg-client';
import { describePostgresUrl, quoteIdent } from './postgres-url';

/** One schema and its migrations, in any order (TypeORM runs them by timestamp). */
export interface MigrationPlanStep {
  schema: string;
  migrations: readonly MigrationClass[];
}

export interface RunMigrationsInput {
  url: string;
  /** Schemas are migrated in this order; the first failure stops the run. */
  plan: readonly MigrationPlanStep[];
  applicationName?: string;
}

/**
 * Key of the session-level advisory lock that serialises migration runners.
 * Advisory locks are per database, so runners on different databases (e.g.
 * parallel test suites) never wait for each other.
 */
export const MIGRATION_LOCK_KEY = '7103572911845002241';

type AppliedMigration = MigrationResult['applied'][number];

/**
 * Creates the database if needed and brings every schema of the plan up to
 * date, one transaction per migration. Concurrent runners (a job and a
 * service, or two replicas) queue on an advisory lock, so each migration runs
 * exactly once. A failing migration is rolled back and reported as ok:false;
 * this throws only when Postgres cannot be reached.
 */
export async function runMigrations(input: RunMigrationsInput): Promise<MigrationResult> {
  const startedAt = performance.now();
  const applicationName = input.applicationName ?? 'pokervod-migrations';
  await ensureDatabase(input.url, applicationName);

  const lock = await connectClient(input.url, applicationName);
  try {
    try {
      await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    } catch (error) {
      throw new Error(
        `Lost Postgres connection to ${describePostgresUrl(input.url)} while waiting for the migration lock: ${describeError(error)}`,
      );
    }
    const outcome = await migrateUnderLock(lock, input.url, input.plan, applicationName);
    return {
      ...outcome,
      duration_ms: Math.round(performance.now() - startedAt),
    };
  } finally {
    // Ending the session would release the lock anyway; unlocking first is just tidy.
    await lock.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

async function migrateUnderLock(
  lock: Client,
  url: string,
  plan: readonly MigrationPlanStep[],
  applicationName: string,
): Promise<Omit<MigrationResult, 'duration_ms'>> {
  const query = clientQuery(lock);
  const applied: AppliedMigration[] = [];
  let pendingBefore = 0;
  const failed = (error: string) => ({
    ok: false,
    applied,
    pending_before: pendingBefore,
    error,
  });

  // Counted before anything runs, under the lock, so a runner that waited sees 0.
  const steps: Array<MigrationPlanStep & { pending: string[] }> = [];
  try {
    assertSchemasUnique(plan);
    for (const step of plan) {
      const pending = await pendingIn(query, step.schema, step.migrations);
      steps.push({ ...step, pending });
      pendingBefore += pending.length;
    }
  } catch (error) {
    return failed(describeError(error));
  }

  for (const step of steps) {
    if (step.pending.length === 0) continue;
    const failure = await migrateSchema(url, step, applicationName).then(
      () => undefined,
      (error: unknown) => error ?? new Error('unknown error'),
    );
    // The history table is the truth about what ran, whatever TypeORM got through before failing.
    let executed: Set<string>;
    try {
      executed = await executedMigrationNames(query, step.schema);
    } catch (error) {
      return failed(`${step.schema}: ${describeError(failure ?? error)}`);
    }
    applied.push(...step.pending.filter((name) => executed.has(name)).map((name) => ({ schema: step.schema, name })));
    if (failure !== undefined) {
      const culprit = step.pending.find((name) => !executed.has(name)) ?? '(unknown migration)';
      return failed(`${step.schema}/${culprit}: ${describeError(failure)}`);
    }
  }
  return { ok: true, applied, pending_before: pendingBefore, error: null };
}

/** Runs one schema's pending migrations, each in its own transaction; throws the first failure. */
async function migrateSchema(url: string, step: MigrationPlanStep, applicationName: string): Promise<void> {
  const dataSource = new DataSource({
    ...postgresDataSourceOptions({
      url,
      schema: step.schema,
      entities: [],
      migrations: step.migrations,
      applicationName,
    }),
    // TypeORM prints migration failures to stdout whatever `logging` says; the result already carries them.
    logger: SILENT_LOGGER,
  });
  try {
    await dataSource.initialize();
    // TypeORM creates the history table inside the schema, so the schema must exist first.
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(step.schema)}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
  }
}

const SILENT_LOGGER: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

function assertSchemasUnique(plan: readonly MigrationPlanStep[]): void {
  const seen = new Set<string>();
  for (const { schema } of plan) {
    if (seen.has(schema)) throw new Error(`Schema "${schema}" appears twice in the migration plan`);
    seen.add(schema);
  }
}
