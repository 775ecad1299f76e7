import { Injectable } from '@nestjs/common';
import type { BlockId, BlockStatus, SyncStatus } from '@pokervod/contracts';
import type { BreakerState } from '@pokervod/resilience';
import { BlockGateway } from '../block-gateway/block-gateway';
import { SchedulerService, SchedulerView } from '../scheduler/scheduler.service';
import { StatusTracker } from '../block-status/status-tracker';
import type { RunView } from '../sync-run/run-view';
import { SyncRunService } from '../sync-run/sync-run.service';

export interface OrchestratorStatus {
  overall: SyncStatus;
  blocks: Record<BlockId, BlockStatus>;
  last_sync: string | null;
  next_scheduled_sync: string | null;
  /** The run in progress (the newest, when several types run at once), with its phases. */
  current_run: RunView | null;
  running: RunView[];
  breakers: Record<BlockId, BreakerState>;
  scheduler: SchedulerView;
}

/** The status (docs/architecture.md#status-endpoint), plus what an operator needs next to it. */
@Injectable()
export class OrchestratorStatusService {
  constructor(
    private readonly tracker: StatusTracker,
    private readonly runs: SyncRunService,
    private readonly gateway: BlockGateway,
    private readonly scheduler: SchedulerService,
  ) {}

  async status(): Promise<OrchestratorStatus> {
    const [overall, blocks, lastSync, running] = await Promise.all([
      this.tracker.overall(),
      this.tracker.blocks(),
      this.runs.lastFinishedAt(),
      this.runs.running(),
    ]);
    return {
      overall,
      blocks,
      last_sync: lastSync,
      next_scheduled_sync: this.scheduler.nextRun(),
      current_run: running[0] ?? null,
      running,
      breakers: this.gateway.states(),
      scheduler: this.scheduler.view(),
    };
  }
}
