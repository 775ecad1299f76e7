import { Module } from '@nestjs/common';
import { BlockSnapshots } from './block-snapshots';
import { DocumentsRepository } from './documents.repository';
import { ProjectionRepository } from './projection.repository';
import { ReadModelStatus } from './read-model-status';
import { ReadModelController } from './read-model.controller';
import { ReadModelHandler } from './read-model.handler';
import { RefreshQueueRepository } from './refresh-queue.repository';
import { ReadModelRefresher } from './refresher.service';
import { SyncHistoryRepository } from './sync-history.repository';

/** The `search` read model: events in, refreshes from the blocks' snapshots, lag out. */
@Module({
  controllers: [ReadModelController, ReadModelHandler],
  providers: [
    SyncHistoryRepository,
    RefreshQueueRepository,
    ProjectionRepository,
    DocumentsRepository,
    ReadModelStatus,
    ReadModelRefresher,
    BlockSnapshots,
  ],
  exports: [
    RefreshQueueRepository,
    ProjectionRepository,
    DocumentsRepository,
    ReadModelRefresher,
    ReadModelStatus,
    BlockSnapshots,
  ],
})
export class ReadModelModule {}
