import { z } from 'zod';
import { BLOCK_IDS } from './block';

/** A block's or a run's state (docs/architecture.md#status). */
export const SyncStatus = {
  IDLE: 'idle',
  IN_PROGRESS: 'in_progress',
  COMPLETED: 'completed',
  FAILED: 'failed',
  PARTIAL: 'partial',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];
export const SyncStatusSchema = z.enum(['idle', 'in_progress', 'completed', 'failed', 'partial']);

export const BlockStatusSchema = z.object({
  block_id: z.enum(BLOCK_IDS),
  status: SyncStatusSchema,
  last_sync_at: z.string().datetime({ offset: true }).nullable(),
  last_error: z.string().nullable(),
  items_processed: z.number().int().nonnegative(),
  items_total: z.number().int().nonnegative(),
});
export type BlockStatus = z.infer<typeof BlockStatusSchema>;

/** The whole system's state from the blocks' ones. */
export function overallStatus(statuses: readonly SyncStatus[]): SyncStatus {
  if (statuses.length > 0 && statuses.every((s) => s === SyncStatus.COMPLETED)) return SyncStatus.COMPLETED;
  if (statuses.some((s) => s === SyncStatus.FAILED)) return SyncStatus.PARTIAL;
  if (statuses.some((s) => s === SyncStatus.IN_PROGRESS)) return SyncStatus.IN_PROGRESS;
  return SyncStatus.IDLE;
}
