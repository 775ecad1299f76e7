import { Module } from '@nestjs/common';
import { BlockGatewayModule } from '../block-gateway/block-gateway.module';
import { RowSyncHandlers } from './row-sync.handlers';
import { RowSyncService } from './row-sync.service';
import { UnmatchedController } from './unmatched.controller';
import { UnmatchedRowRepository } from './unmatched-row.repository';

@Module({
  imports: [BlockGatewayModule],
  controllers: [UnmatchedController],
  providers: [UnmatchedRowRepository, RowSyncService, RowSyncHandlers],
})
export class IncrementalModule {}
