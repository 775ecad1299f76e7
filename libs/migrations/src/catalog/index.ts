import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';

/** Schema `catalog`, in the order they were written (TypeORM runs them by timestamp). */
export const catalogMigrations: MigrationClass[] = [messagingTablesMigration('catalog')];
