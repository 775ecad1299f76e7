import type { DataSource, EntityManager } from 'typeorm';
import { errorCode } from './pg-client';

/** Postgres gave up on the transaction for another one's sake: deadlock victim, serialization failure. */
const CONFLICTS = new Set(['40P01', '40001']);

export function isTransactionConflict(error: unknown): boolean {
  const code = errorCode(error) ?? errorCode((error as { driverError?: unknown } | null)?.driverError);
  return code !== undefined && CONFLICTS.has(code);
}

/**
 * `dataSource.transaction(work)`, run again (up to `attempts` times, after a
 * short random pause) when Postgres rolled it back as a deadlock victim or a
 * serialization failure: the other transaction has committed by then, and
 * the work, run from scratch, sees it. `work` must be safe to run again —
 * everything it did was rolled back.
 */
export async function transactionRetryingConflicts<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
