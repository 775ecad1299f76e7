import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';

/** Schema `hands`, in the order they were written (TypeORM runs them by timestamp). */
export const handsMigrations: MigrationClass[] = [messagingTablesMigration('hands')];
