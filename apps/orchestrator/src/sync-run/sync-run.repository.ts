import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SyncStatus } from '@pokervod/contracts';
import type { PhaseDefinition, StepState, StepStatus, SyncType } from './sync-plan';

export interface SyncRun {
  id: string;
  sync_type: SyncType;
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
  /** Sheets steps: the row changes the block reported, and how many of them had settled when the step closed. */
  rows_expected: number | null;
  rows_settled: number | null;
  /** Sheets steps: the status the block reported, kept while the step waits for its rows. */
  reported_status: 'completed' | 'partial' | null;
  reported_at: Date | null;
  started_at: Date | null;
  deadline_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

/** An open step past its deadline, with what is needed to fail it. */
export interface ExpiredStep {
  reported_at: Date | null;
  run_id: string;
  phase: number;
  block_id: string;
  name: string;
  deadline_at: Date;
}

/**
 * All I/O of sync runs: `orchestrator.sync_runs` and `orchestrator.sync_steps`.
 * Times are `clock_timestamp()`, not `now()`: a transaction that waited for a
 * run's lock must not stamp an earlier time than the one it waited for.
 */
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

  /** Opens the phase's pending steps; each must complete within `timeoutMs`. */
  async startPhase(m: EntityManager, runId: string, phase: number, timeoutMs: number): Promise<void> {
    await m.query(
      `UPDATE orchestrator.sync_steps
       SET status = 'in_progress', started_at = clock_timestamp(), deadline_at = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
       WHERE run_id = $1 AND phase = $2 AND status = 'pending'`,
      [runId, phase, timeoutMs],
    );
  }

  async skipSteps(m: EntityManager, runId: string, blocks: string[], reason: string): Promise<void> {
    await m.query(
      `UPDATE orchestrator.sync_steps SET status = 'skipped', finished_at = clock_timestamp(), error = $3
       WHERE run_id = $1 AND block_id = ANY($2::text[]) AND status = 'pending'`,
      [runId, blocks, reason],
    );
  }

  /** Open steps of running runs past their deadline, locked; other replicas skip them. */
  async lockExpiredSteps(m: EntityManager, limit: number): Promise<ExpiredStep[]> {
    return m.query(
      `SELECT s.run_id, s.phase, s.block_id, s.name, s.deadline_at, s.reported_at
       FROM orchestrator.sync_steps s JOIN orchestrator.sync_runs r ON r.id = s.run_id
       WHERE s.status = 'in_progress' AND s.deadline_at < clock_timestamp() AND r.status = 'in_progress'
       ORDER BY s.deadline_at LIMIT $1
       FOR UPDATE OF r SKIP LOCKED`,
      [limit],
    );
  }

  /** The open step a block has in a run, if any. */
  async openStepOf(m: EntityManager, runId: string, block: string): Promise<SyncStep | null> {
    const rows: SyncStep[] = await m.query(
      `SELECT * FROM orchestrator.sync_steps WHERE run_id = $1 AND block_id = $2 AND status = 'in_progress'`,
      [runId, block],
    );
    return rows[0] ?? null;
  }

  /** Closes an open step; false when it was not open (a repeated or stray completion). */
  async finishStep(
    m: EntityManager,
    runId: string,
    phase: number,
    block: string,
    status: Extract<StepStatus, 'completed' | 'partial' | 'failed'>,
    error: string | null = null,
  ): Promise<boolean> {
    const [, affected]: [unknown, number] = await m.query(
      `UPDATE orchestrator.sync_steps SET status = $4, finished_at = clock_timestamp(), error = $5
       WHERE run_id = $1 AND phase = $2 AND block_id = $3 AND status = 'in_progress'`,
      [runId, phase, block, status, error],
    );
    return affected === 1;
  }

  /**
   * The block reported its step done, but the step stays open until the row
   * changes it produced have settled (`rows_expected` of them).
   */
  async reportStep(
    m: EntityManager,
    runId: string,
    phase: number,
    block: string,
    status: 'completed' | 'partial',
    rowsExpected: number,
  ): Promise<boolean> {
    const [, affected]: [unknown, number] = await m.query(
      `UPDATE orchestrator.sync_steps SET reported_status = $4, reported_at = clock_timestamp(), rows_expected = $5
       WHERE run_id = $1 AND phase = $2 AND block_id = $3 AND status = 'in_progress' AND reported_at IS NULL`,
      [runId, phase, block, status, rowsExpected],
    );
    return affected === 1;
  }

  async setRowsSettled(m: EntityManager, runId: string, phase: number, block: string, rows: number): Promise<void> {
    await m.query(
      `UPDATE orchestrator.sync_steps SET rows_settled = $4 WHERE run_id = $1 AND phase = $2 AND block_id = $3`,
      [runId, phase, block, rows],
    );
  }

  /** Open steps whose block has reported and that wait for their rows, oldest first. */
  async waitingSteps(limit: number): Promise<{ run_id: string; phase: number; block_id: string }[]> {
    return this.dataSource.query(
      `SELECT s.run_id, s.phase, s.block_id FROM orchestrator.sync_steps s
       JOIN orchestrator.sync_runs r ON r.id = s.run_id
       WHERE s.status = 'in_progress' AND s.reported_at IS NOT NULL AND r.status = 'in_progress'
       ORDER BY s.reported_at LIMIT $1`,
      [limit],
    );
  }

  async finishRun(m: EntityManager, runId: string, status: SyncStatus, error: string | null): Promise<void> {
    await m.query(
      `UPDATE orchestrator.sync_runs SET status = $2, error = $3, finished_at = clock_timestamp() WHERE id = $1`,
      [runId, status, error],
    );
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

  async running(): Promise<SyncRun[]> {
    return this.dataSource.query(
      `SELECT * FROM orchestrator.sync_runs WHERE status = 'in_progress' ORDER BY started_at DESC`,
    );
  }

  async lockById(m: EntityManager, id: string): Promise<SyncRun | null> {
    const rows: SyncRun[] = await m.query(`SELECT * FROM orchestrator.sync_runs WHERE id = $1 FOR UPDATE`, [id]);
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
