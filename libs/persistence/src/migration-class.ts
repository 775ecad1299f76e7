import type { MigrationInterface } from 'typeorm';

/** A migration as TypeORM takes it: a class it instantiates itself. */
export type MigrationClass = new () => MigrationInterface;

/** The name TypeORM records in the migrations table (instance `name`, else the class name). */
export function migrationName(migration: MigrationClass): string {
  return new migration().name || migration.name;
}

/**
 * TypeORM orders migrations by the 13-digit JavaScript timestamp that must end
 * their name; this mirrors its check so a bad name fails with a clear message.
 */
export function migrationTimestamp(name: string): number {
  const timestamp = Number(name.slice(-13));
  if (!/\d{13}$/.test(name) || !timestamp) {
    throw new Error(
      `Migration name "${name}" must end with a 13-digit JavaScript timestamp, e.g. CreateThings1700000000000`,
    );
  }
  return timestamp;
}

/** Names in the order TypeORM runs them: by timestamp, ties kept in list order. */
export function migrationNamesInRunOrder(migrations: readonly MigrationClass[]): string[] {
  return migrations
    .map(migrationName)
    .map((name, index) => ({
      name,
      index,
      timestamp: migrationTimestamp(name),
    }))
    .sort((a, b) => a.timestamp - b.timestamp || a.index - b.index)
    .map((entry) => entry.name);
}
