import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What a sync run reads of the row sync's tables: the row changes its sheets
 * phase produced (`run_row_changes`, written by the row sync) and whether
 * they have settled in `sheet_rows`.
 */
@Injectable()
export class RowProgressRepository {
  /** How many rows the run's row changes touched, and how many of those are not settled yet. */
  async ofRun(m: EntityManager, correlationId: string): Promise<{ received: number; unsettled: number }> {
    const [row] = await m.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE s.generation > s.settled_generation OR s.outcome = 'pending')::int AS unsettled
       FROM orchestrator.run_row_changes c
       LEFT JOIN orchestrator.sheet_rows s ON s.sheet_id = c.sheet_id AND s.row_key = c.row_key
       WHERE c.correlation_id = $1`,
      [correlationId],
    );
    return row;
  }

  async forget(m: EntityManager, correlationId: string): Promise<void> {
    await m.query(`DELETE FROM orchestrator.run_row_changes WHERE correlation_id = $1`, [correlationId]);
  }
}
