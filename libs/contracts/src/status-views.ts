import type { SyncStatus } from './sync-status';

/**
 * How the orchestrator shows sync runs (`GET /status`, `/runs`), passed
 * through unchanged by the API to the dashboard: a run, its phases in plan
 * order, and each block's step in a phase (docs/architecture.md#status).
 */
export interface StepView {
  block_id: string;
  name: string;
  status: string;
  started_at: string | null;
  deadline_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  /** Sheets steps: row changes the block reported, and how many have settled (the step closes when all have). */
  rows_expected?: number | null;
  rows_settled?: number | null;
}

export interface PhaseView {
  phase: number;
  name: string;
  status: SyncStatus;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  steps: StepView[];
}

export interface RunView {
  id: string;
  /** `full`, `incremental`, `sheets` or `nas`. */
  sync_type: string;
  status: SyncStatus;
  correlation_id: string;
  requested_by: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  phases: PhaseView[];
}

/** A message parked in an app's dead-letter queue, with why it was (`GET /admin/dead-letters`). */
export interface DeadLetter {
  message_id: string | null;
  type: string | null;
  reason: string;
  original_routing_key: string | null;
  attempts: number;
  failed_at: string | null;
  failed_by: string | null;
  correlation_id: string | null;
  body: string;
}
