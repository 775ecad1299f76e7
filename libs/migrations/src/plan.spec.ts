import { APPS } from '@pokervod/contracts';
import { MESSAGING_TABLES_MIGRATION_NAME, migrationName, migrationTimestamp } from '@pokervod/persistence';
import { MIGRATION_PLAN, migrationsFor } from './plan';

describe('MIGRATION_PLAN', () => {
  it('covers exactly the schemas the apps own', () => {
    const owned = Object.values(APPS).flatMap((app) => (app.schema ? [app.schema] : []));
    expect(MIGRATION_PLAN.map((step) => step.schema).sort()).toEqual([...owned].sort());
  });

  it.each(MIGRATION_PLAN.map((step) => [step.schema, step] as const))(
    '%s: starts with the messaging tables, and every name is unique with a valid timestamp',
    (_schema, step) => {
      const names = step.migrations.map(migrationName);
      expect(names[0]).toBe(MESSAGING_TABLES_MIGRATION_NAME);
      expect(new Set(names).size).toBe(names.length);
      // Messaging tables come first in run order too (TypeORM sorts by timestamp).
      const [first, ...rest] = names.map(migrationTimestamp);
      expect(rest.every((timestamp) => timestamp > (first ?? 0))).toBe(true);
    },
  );

  it('looks up one schema and refuses unknown ones', () => {
    expect(migrationsFor('orchestrator').map(migrationName)).toEqual([
      'MessagingTables1700000000000',
      'OrchestratorSyncState1761000000000',
      'OrchestratorUnmatchedRowChange1764000000000',
      'OrchestratorSheetRows1765000000000',
    ]);
    expect(() => migrationsFor('nope')).toThrow('No migrations are defined for schema "nope"');
  });
});
