import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { CatalogTree1763000000000 } from './1763000000000-catalog-tree';

/** Schema `catalog`, in the order they were written (TypeORM runs them by timestamp). */
export const catalogMigrations: MigrationClass[] = [messagingTablesMigration('catalog'), CatalogTree1763000000000];
