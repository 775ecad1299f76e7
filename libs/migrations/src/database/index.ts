import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';

/** Schema `database`, in the order they were written (TypeORM runs them by timestamp). */
export const databaseMigrations: MigrationClass[] = [messagingTablesMigration('database')];
