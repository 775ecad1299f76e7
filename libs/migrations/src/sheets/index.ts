import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { SheetsHandLog1763100000000 } from './1763100000000-hand-log';

/** Schema `sheets`, in the order they were written (TypeORM runs them by timestamp). */
export const sheetsMigrations: MigrationClass[] = [messagingTablesMigration('sheets'), SheetsHandLog1763100000000];
