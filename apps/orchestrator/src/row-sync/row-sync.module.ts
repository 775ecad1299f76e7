import { Module } from '@nestjs/common';
import { BlockGatewayModule } from '../block-gateway/block-gateway.module';
import { SyncRunModule } from '../sync-run/sync-run.module';
import { RowEvaluator } from './row-evaluator';
import { RowReconciler } from './row-reconciler';
import { RowStateRepository } from './row-state.repository';
import { RowSyncHandler } from './row-sync.handler';
import { RowsController } from './rows.controller';

/** Sheet rows → hand clips, level-triggered (see RowReconciler). */
@Module({
  imports: [BlockGatewayModule, SyncRunModule],
  controllers: [RowsController, RowSyncHandler],
  providers: [RowStateRepository, RowEvaluator, RowReconciler],
  exports: [RowReconciler],
})
export class RowSyncModule {}
