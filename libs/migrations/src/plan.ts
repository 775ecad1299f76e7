import type { MigrationClass } from '@pokervod/persistence';
import { catalogMigrations } from './catalog';
import { databaseMigrations } from './database';
import { handsMigrations } from './hands';
import { nasMigrations } from './nas';
import { orchestratorMigrations } from './orchestrator';
import { searchMigrations } from './search';
import { sheetsMigrations } from './sheets';

/**
 * Every block's schema and its migrations, run by block G in this order.
 * Blocks never share tables, so the order between schemas does not matter;
 * a new migration goes into its schema's folder and list.
 */
export const MIGRATION_PLAN: {
  schema: string;
  migrations: MigrationClass[];
}[] = [
  { schema: 'orchestrator', migrations: orchestratorMigrations },
  { schema: 'nas', migrations: nasMigrations },
  { schema: 'catalog', migrations: catalogMigrations },
  { schema: 'hands', migrations: handsMigrations },
  { schema: 'sheets', migrations: sheetsMigrations },
  { schema: 'search', migrations: searchMigrations },
  { schema: 'database', migrations: databaseMigrations },
];

/** One schema's migrations, e.g. for an app's "migrations applied" readiness check. */
export function migrationsFor(schema: string): MigrationClass[] {
  const step = MIGRATION_PLAN.find((candidate) => candidate.schema === schema);
  if (!step) throw new Error(`No migrations are defined for schema "${schema}"`);
  return step.migrations;
}
