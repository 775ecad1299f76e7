import { Controller, Get } from '@nestjs/common';
import type { BlockId, BlockStatus, SyncStatus } from '@pokervod/contracts';
import { RunView, SyncRunService } from '../sync-run/sync-run.service';
import { StatusTracker } from './status-tracker';

interface OrchestratorStatus {
  overall: SyncStatus;
  blocks: Record<BlockId, BlockStatus>;
  last_sync: string | null;
  next_scheduled_sync: string | null;
  current_run: RunView | null;
}

@Controller('api/orchestrator')
export class StatusController {
  constructor(
    private readonly tracker: StatusTracker,
    private readonly runs: SyncRunService,
  ) {}

  /** Seed §6.2, plus the run in progress with its phases. */
  @Get('status')
  async status(): Promise<OrchestratorStatus> {
    const [overall, blocks, lastSync, current] = await Promise.all([
      this.tracker.overall(),
      this.tracker.blocks(),
      this.runs.lastFinishedAt(),
      this.runs.current(),
    ]);
    // The scheduler (issue #3) fills next_scheduled_sync.
    return { overall, blocks, last_sync: lastSync, next_scheduled_sync: null, current_run: current };
  }
}
