import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { OrchestratorSyncState1761000000000 } from './1761000000000-sync-state';
import { OrchestratorUnmatchedRowChange1764000000000 } from './1764000000000-unmatched-row-change';
import { OrchestratorSheetRows1765000000000 } from './1765000000000-sheet-rows';

/** Schema `orchestrator`, in the order they were written (TypeORM runs them by timestamp). */
export const orchestratorMigrations: MigrationClass[] = [
  messagingTablesMigration('orchestrator'),
  OrchestratorSyncState1761000000000,
  OrchestratorUnmatchedRowChange1764000000000,
  OrchestratorSheetRows1765000000000,
];
