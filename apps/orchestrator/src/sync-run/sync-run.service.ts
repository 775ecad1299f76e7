import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BlockId, EventPayloadInput, EventType, SyncStatus } from '@pokervod/contracts';
import { EventOf, MessageBus } from '@pokervod/messaging';
import { StatusTracker } from '../status/status-tracker';
import { FULL_SYNC_PLAN, PhaseDefinition, nextAction, stepForCompletion } from './sync-plan';
import { SyncRun, SyncRunRepository, SyncStep } from './sync-run.repository';

/** Emits an event inside the current transaction (outbox) with the run's correlation id. */
type Emit = <T extends EventType>(type: T, payload: EventPayloadInput<T>) => Promise<unknown> | void;

export interface PhaseView {
  phase: number;
  name: string;
  status: SyncStatus;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  steps: {
    block_id: string;
    name: string;
    status: string;
    started_at: string | null;
    finished_at: string | null;
    error: string | null;
  }[];
}

export interface RunView extends Omit<SyncRun, 'started_at' | 'finished_at'> {
  started_at: string;
  finished_at: string | null;
  phases: PhaseView[];
}

/**
 * Full syncs as durable runs keyed by correlation_id (seed §4.1): every step
 * and phase transition is committed together with the events it emits
 * (outbox), so a restarted orchestrator simply carries on from the table.
 */
@Injectable()
export class SyncRunService {
  private readonly logger = new Logger('SyncRun');

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly status: StatusTracker,
    private readonly bus: MessageBus,
  ) {}

  /** Starts a full sync (its id is its correlation id), or returns the one already running. */
  async startFull(requestedBy: string | null): Promise<{ run: SyncRun; created: boolean }> {
    const id = randomUUID();
    const result = await this.runs.transaction((m) =>
      this.startFullIn(m, { id, correlationId: id, requestedBy }, (type, payload) =>
        this.bus.publishInTransaction(m, type, payload, { correlationId: id }),
      ),
    );
    if (result.created) await this.bus.flushOutbox();
    return result;
  }

  /**
   * Same, inside a caller's transaction: the `system.sync.all` handler, whose
   * event's correlation id becomes the run's, so every event of the run
   * carries it. Idempotent per correlation id.
   */
  async startFullIn(
    m: EntityManager,
    start: { id: string; correlationId: string; requestedBy: string | null },
    emit: Emit,
  ): Promise<{ run: SyncRun; created: boolean }> {
    const known = await this.runs.findByCorrelation(m, start.correlationId);
    if (known) return { run: known, created: false };
    const run = await this.runs.insertRunning(m, {
      id: start.id,
      sync_type: 'full',
      correlation_id: start.correlationId,
      requested_by: start.requestedBy,
    });
    if (!run) {
      const running = await this.runs.findRunning(m, 'full');
      if (!running) throw new Error('a full sync is running but could not be read back');
      return { run: running, created: false };
    }
    await this.runs.insertSteps(m, run.id, FULL_SYNC_PLAN);
    this.logger.log(`full sync ${run.id} started${start.requestedBy ? ` by ${start.requestedBy}` : ''}`);
    await this.advance(m, run, emit);
    return { run, created: true };
  }

  /** A block finished its step of some run: record it and move that run on. Other runs' events change nothing. */
  async onStepCompleted(m: EntityManager, event: EventOf<EventType>, emit: Emit): Promise<void> {
    const match = stepForCompletion(event.type);
    if (!match) return;
    const run = await this.runs.lockByCorrelation(m, event.correlation_id);
    if (!run || run.status !== 'in_progress') return;
    const closed = await this.runs.finishStep(m, run.id, match.phase, match.step.block, 'completed');
    if (!closed) return;
    await this.status.update(m, match.step.block, 'completed');
    await this.advance(m, run, emit);
  }

  private async advance(m: EntityManager, run: SyncRun, emit: Emit): Promise<void> {
    const steps = await this.runs.steps(m, run.id);
    const action = nextAction(steps);
    if (action.kind === 'start_phase') return this.startPhase(m, run, action.phase, emit);
    if (action.kind === 'finish') {
      const failed = steps.filter((s) => s.status === 'failed');
      const error = failed.length ? failed.map((s) => `${s.name}: ${s.error ?? 'failed'}`).join('; ') : null;
      await this.runs.finishRun(m, run.id, action.status, error);
      const phases = toPhaseViews(await this.runs.steps(m, run.id));
      await emit(EventType.SYNC_ALL_COMPLETED, {
        run_id: run.id,
        status: action.status,
        phases: phases.map((p) => ({
          name: p.name,
          status: p.status,
          started_at: p.started_at,
          finished_at: p.finished_at,
          error: p.error,
        })),
      });
      this.logger.log(`full sync ${run.id} ${action.status}`);
    }
  }

  private async startPhase(m: EntityManager, run: SyncRun, phase: PhaseDefinition, emit: Emit): Promise<void> {
    await this.runs.startPhase(m, run.id, phase.phase);
    for (const step of phase.steps) {
      await this.status.update(m, step.block as BlockId, 'in_progress');
      await emit(step.request, {});
    }
    this.logger.log(`full sync ${run.id}: phase ${phase.phase} (${phase.name}) requested`);
  }

  async view(id: string): Promise<RunView | null> {
    const run = await this.runs.find(id);
    return run ? toRunView(run, await this.runs.stepsOf(run.id)) : null;
  }

  async list(limit: number): Promise<RunView[]> {
    const runs = await this.runs.list(limit);
    return Promise.all(runs.map(async (r) => toRunView(r, await this.runs.stepsOf(r.id))));
  }

  async current(): Promise<RunView | null> {
    const run = await this.runs.current();
    return run ? toRunView(run, await this.runs.stepsOf(run.id)) : null;
  }

  async lastFinishedAt(): Promise<string | null> {
    return (await this.runs.lastFinishedFull())?.finished_at?.toISOString() ?? null;
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function phaseStatus(steps: SyncStep[]): SyncStatus {
  if (steps.some((s) => s.status === 'failed')) return 'failed';
  if (steps.every((s) => s.status === 'completed')) return 'completed';
  if (steps.some((s) => s.status !== 'pending')) return 'in_progress';
  return 'idle';
}

export function toPhaseViews(steps: SyncStep[]): PhaseView[] {
  return FULL_SYNC_PLAN.map((p) => {
    const own = steps.filter((s) => s.phase === p.phase);
    const started = own.map((s) => s.started_at).filter((d): d is Date => d !== null);
    const finished = own.map((s) => s.finished_at).filter((d): d is Date => d !== null);
    const done = own.length > 0 && own.every((s) => s.finished_at);
    return {
      phase: p.phase,
      name: p.name,
      status: phaseStatus(own),
      started_at: started.length ? iso(new Date(Math.min(...started.map(Number)))) : null,
      finished_at: done ? iso(new Date(Math.max(...finished.map(Number)))) : null,
      error: own.find((s) => s.error)?.error ?? null,
      steps: own.map((s) => ({
        block_id: s.block_id,
        name: s.name,
        status: s.status,
        started_at: iso(s.started_at),
        finished_at: iso(s.finished_at),
        error: s.error,
      })),
    };
  });
}

function toRunView(run: SyncRun, steps: SyncStep[]): RunView {
  return {
    ...run,
    started_at: run.started_at.toISOString(),
    finished_at: iso(run.finished_at),
    phases: toPhaseViews(steps),
  };
}
