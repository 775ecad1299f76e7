import { Module } from '@nestjs/common';
import { BlockGatewayModule } from '../block-gateway/block-gateway.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { BlockStatusModule } from '../block-status/block-status.module';
import { SyncRunModule } from '../sync-run/sync-run.module';
import { OrchestratorStatusService } from './orchestrator-status.service';
import { StatusController } from './status.controller';
import { StatusStream } from './status-stream';

@Module({
  imports: [BlockStatusModule, SyncRunModule, BlockGatewayModule, SchedulerModule],
  controllers: [StatusController],
  providers: [OrchestratorStatusService, StatusStream],
})
export class StatusModule {}
