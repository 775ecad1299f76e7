import type { DataSource } from 'typeorm';
import type { Client } from 'pg';
import { MIGRATIONS_TABLE } from './data-source-options';
import { type MigrationClass, migrationNamesInRunOrder } from './migration-class';
import { withClient } from './pg-client';
import { quoteIdent } from './postgres-url';

export type PendingMigrationsInput = {
  schema: string;
  migrations: readonly MigrationClass[];
} & ({ dataSource: DataSource } | { url: string; applicationName?: string });

/**
 * Names of `migrations` not yet recorded in `<schema>.migrations`, in run
 * order. A schema never migrated has everything pending. Apps' readiness
 * checks call this: an app is not ready until block G has migrated its schema.
 */
export async function pendingMigrations(input: PendingMigrationsInput): Promise<string[]> {
  if ('dataSource' in input) {
    return pendingIn((sql, params) => input.dataSource.query(sql, params), input.schema, input.migrations);
  }
  const applicationName = input.applicationName ?? 'pokervod-pending-migrations';
  return withClient(input.url, applicationName, (client) =>
    pendingIn(clientQuery(client), input.schema, input.migrations),
  );
}

/** Runs one parameterised statement and returns its rows. */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export function clientQuery(client: Client): Query {
  return async (sql, params) => (await client.query(sql, params)).rows;
}

export async function pendingIn(
  query: Query,
  schema: string,
  migrations: readonly MigrationClass[],
): Promise<string[]> {
  const executed = await executedMigrationNames(query, schema);
  return migrationNamesInRunOrder(migrations).filter((name) => !executed.has(name));
}

export async function executedMigrationNames(query: Query, schema: string): Promise<Set<string>> {
  const table = `${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)}`;
  const [found] = await query('SELECT to_regclass($1) IS NOT NULL AS exists', [table]);
  if (!found?.['exists']) return new Set();
  const rows = await query(`SELECT name FROM ${table}`);
  return new Set(rows.map((row) => String(row['name'])));
}
