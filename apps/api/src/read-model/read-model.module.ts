import { Module } from '@nestjs/common';
import { BlockSnapshots } from './block-snapshots';
import { ReadModelController } from './read-model.controller';
import { ReadModelHandler } from './read-model.handler';
import { ReadModelStatus } from './read-model-status';
import { ReadModelRefresher } from './refresher.service';
import { SyncHistoryRepository } from './sync-history.repository';

/** The `search` read model: events in, refreshes from the blocks' snapshots, lag out. */
@Module({
  controllers: [ReadModelController, ReadModelHandler],
  providers: [SyncHistoryRepository, ReadModelStatus, ReadModelRefresher, BlockSnapshots],
  exports: [ReadModelRefresher, ReadModelStatus, BlockSnapshots],
})
export class ReadModelModule {}
