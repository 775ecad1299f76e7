import { messagingTablesMigration, type MigrationClass } from '@pokervod/persistence';
import { OrchestratorSyncState1761000000000 } from './1761000000000-sync-state';
import { OrchestratorUnmatchedRowChange1764000000000 } from './1764000000000-unmatched-row-change';

/** Schema `orchestrator`, in the order they were written (TypeORM runs them by timestamp). */
export const orchestratorMigrations: MigrationClass[] = [
  messagingTablesMigration('orchestrator'),
  OrchestratorSyncState1761000000000,
  OrchestratorUnmatchedRowChange1764000000000,
];
