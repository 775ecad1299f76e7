import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';

/** Schema `sheets`, in the order they were written (TypeORM runs them by timestamp). */
export const sheetsMigrations: MigrationClass[] = [messagingTablesMigration('sheets')];
