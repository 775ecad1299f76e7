import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SyncStatus } from '@pokervod/contracts';
import type { PhaseDefinition, StepState, StepStatus } from './sync-plan';

export interface SyncRun {
  id: string;
  sync_type: 'full' | 'incremental';
  status: SyncStatus;
  correlation_id: string;
  requested_by: string | null;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

export interface SyncStep extends StepState {
  run_id: string;
  name: string;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

/** All I/O of sync runs: `orchestrator.sync_runs` and `orchestrator.sync_steps`. */
@Injectable()
export class SyncRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts a running run, or returns null when one of that type is already running. */
  async insertRunning(
    m: EntityManager,
    run: Pick<SyncRun, 'id' | 'sync_type' | 'correlation_id' | 'requested_by'>,
  ): Promise<SyncRun | null> {
    const rows: SyncRun[] = await m.query(
      `INSERT INTO orchestrator.sync_runs (id, sync_type, status, correlation_id, requested_by)
       VALUES ($1, $2, 'in_progress', $3, $4)
       ON CONFLICT (sync_type) WHERE status = 'in_progress' DO NOTHING
       RETURNING *`,
      [run.id, run.sync_type, run.correlation_id, run.requested_by],
    );
    return rows[0] ?? null;
  }

  async findRunning(m: EntityManager, syncType: SyncRun['sync_type']): Promise<SyncRun | null> {
    const rows: SyncRun[] = await m.query(
      `SELECT * FROM orchestrator.sync_runs WHERE sync_type = $1 AND status = 'in_progress'`,
      [syncType],
    );
    return rows[0] ?? null;
  }

  async findByCorrelation(m: EntityManager, correlationId: string): Promise<SyncRun | null> {
    const rows: SyncRun[] = await m.query(`SELECT * FROM orchestrator.sync_runs WHERE correlation_id = $1`, [
      correlationId,
    ]);
    return rows[0] ?? null;
  }

  /** The run an event belongs to, locked so concurrent completions of one phase serialise. */
  async lockByCorrelation(m: EntityManager, correlationId: string): Promise<SyncRun | null> {
    const rows: SyncRun[] = await m.query(`SELECT * FROM orchestrator.sync_runs WHERE correlation_id = $1 FOR UPDATE`, [
      correlationId,
    ]);
    return rows[0] ?? null;
  }

  async insertSteps(m: EntityManager, runId: string, plan: readonly PhaseDefinition[]): Promise<void> {
    const steps = plan.flatMap((p) => p.steps.map((s) => [p.phase, s.block, s.name] as const));
    await m.query(
      `INSERT INTO orchestrator.sync_steps (run_id, phase, block_id, name, status)
       SELECT $1, * , 'pending' FROM unnest($2::int[], $3::text[], $4::text[])`,
      [runId, steps.map((s) => s[0]), steps.map((s) => s[1]), steps.map((s) => s[2])],
    );
  }

  async steps(m: EntityManager, runId: string): Promise<SyncStep[]> {
    return m.query(`SELECT * FROM orchestrator.sync_steps WHERE run_id = $1 ORDER BY phase, block_id`, [runId]);
  }

  async startPhase(m: EntityManager, runId: string, phase: number): Promise<void> {
    await m.query(
      `UPDATE orchestrator.sync_steps SET status = 'in_progress', started_at = now()
       WHERE run_id = $1 AND phase = $2 AND status = 'pending'`,
      [runId, phase],
    );
  }

  /** Closes an open step; false when it was not open (a repeated or stray completion). */
  async finishStep(
    m: EntityManager,
    runId: string,
    phase: number,
    block: string,
    status: Extract<StepStatus, 'completed' | 'failed'>,
    error: string | null = null,
  ): Promise<boolean> {
    const [, affected]: [unknown, number] = await m.query(
      `UPDATE orchestrator.sync_steps SET status = $4, finished_at = now(), error = $5
       WHERE run_id = $1 AND phase = $2 AND block_id = $3 AND status = 'in_progress'`,
      [runId, phase, block, status, error],
    );
    return affected === 1;
  }

  async finishRun(m: EntityManager, runId: string, status: SyncStatus, error: string | null): Promise<void> {
    await m.query(`UPDATE orchestrator.sync_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [
      runId,
      status,
      error,
    ]);
  }

  async find(id: string): Promise<SyncRun | null> {
    const rows: SyncRun[] = await this.dataSource.query(`SELECT * FROM orchestrator.sync_runs WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(limit: number): Promise<SyncRun[]> {
    return this.dataSource.query(`SELECT * FROM orchestrator.sync_runs ORDER BY started_at DESC LIMIT $1`, [limit]);
  }

  async stepsOf(runId: string): Promise<SyncStep[]> {
    return this.steps(this.dataSource.manager, runId);
  }

  async current(): Promise<SyncRun | null> {
    const rows: SyncRun[] = await this.dataSource.query(
      `SELECT * FROM orchestrator.sync_runs WHERE status = 'in_progress' ORDER BY started_at DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async lastFinishedFull(): Promise<SyncRun | null> {
    const rows: SyncRun[] = await this.dataSource.query(
      `SELECT * FROM orchestrator.sync_runs WHERE sync_type = 'full' AND finished_at IS NOT NULL
       ORDER BY finished_at DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }
}
