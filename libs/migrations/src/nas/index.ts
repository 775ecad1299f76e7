import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';

/** Schema `nas`, in the order they were written (TypeORM runs them by timestamp). */
export const nasMigrations: MigrationClass[] = [messagingTablesMigration('nas')];
