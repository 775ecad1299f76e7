import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BlockId, EventPayload, EventPayloadInput, EventType, SyncStatus } from '@pokervod/contracts';
import { EventOf, MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import { OrchestratorConfig, phaseTimeoutMs } from '../orchestrator.config';
import { StatusTracker } from '../block-status/status-tracker';
import { PhaseDefinition, SYNC_PLANS, SyncType, nextAction, outcomeOf, stepForCompletion } from './sync-plan';
import { SyncRun, SyncRunRepository, SyncStep } from './sync-run.repository';
import { RowProgressRepository } from './row-progress.repository';
import { RunView, toRunView } from './run-view';

/** Emits an event inside the current transaction (outbox) with the run's correlation id. */
export type Emit = <T extends EventType>(type: T, payload: EventPayloadInput<T>) => Promise<unknown> | void;

/**
 * Sync runs (docs/architecture.md#sync-phases) as durable state keyed by
 * correlation id: every step and phase transition commits together with the
 * events it emits (outbox), so an orchestrator restarted mid-run carries on
 * from the tables, and a repeated or stray event changes nothing.
 */
@Injectable()
export class SyncRunService {
  private readonly logger = new Logger('SyncRun');

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly status: StatusTracker,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: OrchestratorConfig,
    private readonly rowProgress: RowProgressRepository,
  ) {}

  /** Starts a run (its id is its correlation id), or returns the one of that type already running. */
  async start(type: SyncType, requestedBy: string | null): Promise<{ run: SyncRun; created: boolean }> {
    const id = randomUUID();
    const result = await this.runs.transaction((m) =>
      this.startIn(m, type, { id, correlationId: id, requestedBy }, this.emitter(m, id)),
    );
    if (result.created) await this.bus.flushOutbox();
    return result;
  }

  /**
   * Same, inside a caller's transaction (the `system.sync.all` handler: the
   * event's correlation id becomes the run's). Idempotent per correlation id;
   * two runs of one type never run at once.
   */
  async startIn(
    m: EntityManager,
    type: SyncType,
    start: { id: string; correlationId: string; requestedBy: string | null },
    emit: Emit,
  ): Promise<{ run: SyncRun; created: boolean }> {
    const known = await this.runs.findByCorrelation(m, start.correlationId);
    if (known) return { run: known, created: false };
    const run = await this.runs.insertRunning(m, {
      id: start.id,
      sync_type: type,
      correlation_id: start.correlationId,
      requested_by: start.requestedBy,
    });
    if (!run) {
      const running = await this.runs.findRunning(m, type);
      if (!running) throw new Error(`a ${type} sync is running but could not be read back`);
      return { run: running, created: false };
    }
    await this.runs.insertSteps(m, run.id, SYNC_PLANS[type]);
    this.logger.log(`${type} sync ${run.id} started${start.requestedBy ? ` by ${start.requestedBy}` : ''}`);
    await this.advance(m, run, emit);
    return { run, created: true };
  }

  /** A block reported its step of some run done. Events of other runs, or repeated ones, change nothing. */
  async onStepCompleted(m: EntityManager, event: EventOf<EventType>, emit: Emit): Promise<void> {
    const run = await this.runs.lockByCorrelation(m, event.correlation_id);
    if (!run || run.status !== 'in_progress') return;
    const match = stepForCompletion(run.sync_type, event.type);
    if (!match) return;
    const outcome = outcomeOf(event.type, event.payload);
    if (event.type === EventType.SHEETS_SYNC_COMPLETED && outcome.status !== 'failed') {
      // The sheets step closes only once the row changes it produced have settled (phase 3 waits for them).
      const expected = rowChangesOf(event.payload as EventPayload<typeof EventType.SHEETS_SYNC_COMPLETED>);
      if (await this.runs.reportStep(m, run.id, match.phase, match.step.block, outcome.status, expected)) {
        await this.settleRows(m, run, match.phase, match.step.block, emit);
      }
      return;
    }
    const closed = await this.runs.finishStep(m, run.id, match.phase, match.step.block, outcome.status, outcome.error);
    if (!closed) return;
    if (outcome.status === 'failed') {
      await this.blockFailed(m, match.step.block, outcome.error ?? 'failed', match.step.name, emit);
    } else {
      await this.status.update(m, match.step.block, outcome.status === 'partial' ? 'partial' : 'completed');
    }
    await this.advance(m, run, emit);
  }

  /**
   * Closes the sheets steps whose row changes have all settled and moves
   * their runs on; called after every pass of the row sync. Answers whether
   * any step closed.
   */
  async settleWaitingSteps(): Promise<boolean> {
    let closed = false;
    for (const step of await this.runs.waitingSteps(20)) {
      const done = await this.runs.transaction(async (m) => {
        const run = await this.runs.lockById(m, step.run_id);
        if (!run || run.status !== 'in_progress') return false;
        return this.settleRows(m, run, step.phase, step.block_id as BlockId, this.emitter(m, run.correlation_id));
      });
      closed ||= done;
    }
    return closed;
  }

  private async settleRows(m: EntityManager, run: SyncRun, phase: number, block: BlockId, emit: Emit) {
    const step = (await this.runs.steps(m, run.id)).find((s) => s.phase === phase && s.block_id === block);
    if (!step || step.status !== 'in_progress' || !step.reported_status) return false;
    const { received, unsettled } = await this.rowProgress.ofRun(m, run.correlation_id);
    await this.runs.setRowsSettled(m, run.id, phase, block, received - unsettled);
    if (received < (step.rows_expected ?? 0) || unsettled > 0) return false;
    await this.runs.finishStep(
      m,
      run.id,
      phase,
      block,
      step.reported_status,
      step.reported_status === 'partial' ? 'sheets sync was partial' : null,
    );
    await this.rowProgress.forget(m, run.correlation_id);
    await this.status.update(m, block, step.reported_status === 'partial' ? 'partial' : 'completed');
    this.logger.log(`${run.sync_type} sync ${run.id}: ${received} row changes settled`);
    await this.advance(m, run, emit);
    return true;
  }

  /** `system.error` from a block about a run: its open step in that run fails. */
  async onBlockError(m: EntityManager, event: EventOf<typeof EventType.ERROR_OCCURRED>, emit: Emit): Promise<void> {
    const run = await this.runs.lockByCorrelation(m, event.correlation_id);
    if (!run || run.status !== 'in_progress') return;
    const step = await this.runs.openStepOf(m, run.id, event.payload.source);
    if (!step) return;
    await this.runs.finishStep(m, run.id, step.phase, step.block_id, 'failed', event.payload.error);
    await this.status.update(m, step.block_id as BlockId, 'failed', { last_error: event.payload.error });
    await this.advance(m, run, emit);
  }

  /** Fails every open step past its deadline, so a block that is down never hangs a run. Returns how many. */
  async failExpiredSteps(): Promise<number> {
    const failed = await this.runs.transaction(async (m) => {
      const expired = await this.runs.lockExpiredSteps(m, 100);
      for (const step of expired) {
        const run = await this.runs.lockById(m, step.run_id);
        if (!run) continue;
        const plan = SYNC_PLANS[run.sync_type];
        const phase = plan.find((p) => p.phase === step.phase);
        const completion = phase?.steps.find((s) => s.block === step.block_id)?.completion;
        const error = step.reported_at
          ? `timed out: the sheet's row changes had not all settled by ${step.deadline_at.toISOString()}`
          : `timed out: no ${completion ?? 'completion'} before ${step.deadline_at.toISOString()}`;
        await this.runs.finishStep(m, run.id, step.phase, step.block_id, 'failed', error);
        const emit = this.emitter(m, run.correlation_id);
        await this.blockFailed(m, step.block_id as BlockId, error, step.name, emit);
        this.logger.warn(`${run.sync_type} sync ${run.id}: ${step.name} ${error}`);
        await this.advance(m, run, emit);
      }
      return expired.length;
    });
    if (failed > 0) await this.bus.flushOutbox();
    return failed;
  }

  /** Failure isolation: only this block is marked FAILED; `system.error` tells everyone, with source and error. */
  private async blockFailed(m: EntityManager, block: BlockId, error: string, phase: string, emit: Emit): Promise<void> {
    await this.status.update(m, block, 'failed', { last_error: error });
    await emit(EventType.ERROR_OCCURRED, { source: block, error, phase });
  }

  private async advance(m: EntityManager, run: SyncRun, emit: Emit): Promise<void> {
    const plan = SYNC_PLANS[run.sync_type];
    for (;;) {
      const steps = await this.runs.steps(m, run.id);
      const action = nextAction(plan, steps);
      switch (action.kind) {
        case 'wait':
          return;
        case 'skip':
          await this.runs.skipSteps(m, run.id, action.blocks, `skipped: ${action.reason}`);
          this.logger.warn(`${run.sync_type} sync ${run.id}: skipping ${action.blocks.join(', ')} (${action.reason})`);
          continue;
        case 'start_phase':
          return this.startPhase(m, run, action.phase, steps, emit);
        case 'finish':
          return this.finish(m, run, action.status, steps, emit);
      }
    }
  }

  private async startPhase(
    m: EntityManager,
    run: SyncRun,
    phase: PhaseDefinition,
    steps: readonly SyncStep[],
    emit: Emit,
  ): Promise<void> {
    const pending = new Set(
      steps.filter((s) => s.phase === phase.phase && s.status === 'pending').map((s) => s.block_id),
    );

    await this.runs.startPhase(m, run.id, phase.phase, phaseTimeoutMs(this.config, phase.name));
    for (const step of phase.steps.filter((s) => pending.has(s.block))) {
      await this.status.update(m, step.block, 'in_progress');
      await emit(step.request, {});
    }
    this.logger.log(`${run.sync_type} sync ${run.id}: phase ${phase.phase} (${phase.name}) requested`);
  }

  private async finish(
    m: EntityManager,
    run: SyncRun,
    status: SyncStatus,
    steps: SyncStep[],
    emit: Emit,
  ): Promise<void> {
    const problems = steps.filter((s) => s.error).map((s) => `${s.name}: ${s.error}`);
    await this.runs.finishRun(m, run.id, status, problems.length ? problems.join('; ') : null);
    if (run.sync_type === 'full') {
      // finishRun does not touch steps: the ones just read are current.
      const view = toRunView({ ...run, status }, steps);
      await emit(EventType.SYNC_ALL_COMPLETED, {
        run_id: run.id,
        status,
        phases: view.phases.map((p) => ({
          name: p.name,
          status: p.status,
          started_at: p.started_at,
          finished_at: p.finished_at,
          error: p.error,
        })),
      });
    }
    this.logger.log(`${run.sync_type} sync ${run.id} ${status}`);
  }

  private emitter(m: EntityManager, correlationId: string): Emit {
    return (type, payload) => this.bus.publishInTransaction(m, type, payload, { correlationId });
  }

  async view(id: string): Promise<RunView | null> {
    const run = await this.runs.find(id);
    return run ? toRunView(run, await this.runs.stepsOf(run.id)) : null;
  }

  async list(limit: number): Promise<RunView[]> {
    const runs = await this.runs.list(limit);
    return Promise.all(runs.map(async (r) => toRunView(r, await this.runs.stepsOf(r.id))));
  }

  async running(): Promise<RunView[]> {
    const runs = await this.runs.running();
    return Promise.all(runs.map(async (r) => toRunView(r, await this.runs.stepsOf(r.id))));
  }

  async lastFinishedAt(): Promise<string | null> {
    return (await this.runs.lastFinishedFull())?.finished_at?.toISOString() ?? null;
  }
}

/** How many row events a sheets sync emitted under its correlation id. */
function rowChangesOf(payload: EventPayload<typeof EventType.SHEETS_SYNC_COMPLETED>): number {
  return payload.results.reduce((n, r) => n + r.added + r.changed + r.removed, 0);
}
