import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { SearchSyncHistory1761000000000 } from './1761000000000-sync-history';
import { SearchReadModel1766000000000 } from './1766000000000-read-model';

/** Schema `search`, in the order they were written (TypeORM runs them by timestamp). */
export const searchMigrations: MigrationClass[] = [
  messagingTablesMigration('search'),
  SearchSyncHistory1761000000000,
  SearchReadModel1766000000000,
];
