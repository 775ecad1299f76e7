import type { PhaseView, RunView, StepView, SyncStatus } from '@pokervod/contracts';
import { SYNC_PLANS } from './sync-plan';
import type { SyncRun, SyncStep } from './sync-run.repository';

/** The views live in @pokervod/contracts: the dashboard reads them through the API. */
export type { PhaseView, RunView, StepView };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const duration = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : null);

function phaseStatus(steps: SyncStep[]): SyncStatus {
  if (steps.length === 0 || steps.every((s) => s.status === 'pending')) return 'idle';
  if (steps.some((s) => s.status === 'in_progress' || s.status === 'pending')) return 'in_progress';
  if (steps.every((s) => s.status === 'completed')) return 'completed';
  if (steps.every((s) => s.status === 'failed' || s.status === 'skipped')) return 'failed';
  return 'partial';
}

/** A run as the API shows it: phases in plan order, each with its steps, timings and errors. */
export function toRunView(run: SyncRun, steps: SyncStep[]): RunView {
  const phases = SYNC_PLANS[run.sync_type].map((p): PhaseView => {
    const own = steps.filter((s) => s.phase === p.phase);
    const starts = own.flatMap((s) => (s.started_at ? [s.started_at.getTime()] : []));
    const ends = own.flatMap((s) => (s.finished_at ? [s.finished_at.getTime()] : []));
    const started = starts.length ? new Date(Math.min(...starts)) : null;
    const finished = own.length > 0 && own.every((s) => s.finished_at) ? new Date(Math.max(...ends)) : null;
    return {
      phase: p.phase,
      name: p.name,
      status: phaseStatus(own),
      started_at: iso(started),
      finished_at: iso(finished),
      duration_ms: duration(started, finished),
      error: own.find((s) => s.error)?.error ?? null,
      steps: own.map((s) => ({
        block_id: s.block_id,
        name: s.name,
        status: s.status,
        started_at: iso(s.started_at),
        deadline_at: iso(s.deadline_at),
        finished_at: iso(s.finished_at),
        duration_ms: duration(s.started_at, s.finished_at),
        error: s.error,
        ...(s.rows_expected === null && s.rows_settled === null
          ? {}
          : { rows_expected: s.rows_expected, rows_settled: s.rows_settled }),
      })),
    };
  });
  return {
    ...run,
    started_at: run.started_at.toISOString(),
    finished_at: iso(run.finished_at),
    duration_ms: duration(run.started_at, run.finished_at),
    phases,
  };
}
