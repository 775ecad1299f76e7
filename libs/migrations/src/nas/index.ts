import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { NasInventory1762000000000 } from './1762000000000-inventory';
import { NasScanDiff1768100000000 } from './1768100000000-scan-diff';

/** Schema `nas`, in the order they were written (TypeORM runs them by timestamp). */
export const nasMigrations: MigrationClass[] = [
  messagingTablesMigration('nas'),
  NasInventory1762000000000,
  NasScanDiff1768100000000,
];
