import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { SearchSyncHistory1761000000000 } from './1761000000000-sync-history';
import { SearchReadModel1766000000000 } from './1766000000000-read-model';
import { SearchDocumentsKind1766100000000 } from './1766100000000-documents-kind';

/** Schema `search`, in the order they were written (TypeORM runs them by timestamp). */
export const searchMigrations: MigrationClass[] = [
  messagingTablesMigration('search'),
  SearchSyncHistory1761000000000,
  SearchReadModel1766000000000,
  SearchDocumentsKind1766100000000,
];
