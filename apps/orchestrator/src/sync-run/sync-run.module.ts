import { Module } from '@nestjs/common';
import { BlockStatusModule } from '../block-status/block-status.module';
import { RowProgressRepository } from './row-progress.repository';
import { StepDeadlineSweeper } from './step-deadline.sweeper';
import { SyncRunController } from './sync-run.controller';
import { SyncRunHandlers } from './sync-run.handler';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunService } from './sync-run.service';

@Module({
  imports: [BlockStatusModule],
  controllers: [SyncRunController, SyncRunHandlers],
  providers: [SyncRunRepository, RowProgressRepository, SyncRunService, StepDeadlineSweeper],
  exports: [SyncRunService],
})
export class SyncRunModule {}
