import { Module } from '@nestjs/common';
import { StatusModule } from '../status/status.module';
import { RowProgressRepository } from './row-progress.repository';
import { StepDeadlineSweeper } from './step-deadline.sweeper';
import { SyncRunController } from './sync-run.controller';
import { SyncRunHandlers } from './sync-run.handler';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunService } from './sync-run.service';

@Module({
  imports: [StatusModule],
  controllers: [SyncRunController, SyncRunHandlers],
  providers: [SyncRunRepository, RowProgressRepository, SyncRunService, StepDeadlineSweeper],
  exports: [SyncRunService],
})
export class SyncRunModule {}
