import { Module } from '@nestjs/common';
import { ReadModelController } from './read-model.controller';
import { ReadModelHandler } from './read-model.handler';
import { SyncHistoryRepository } from './sync-history.repository';

@Module({ controllers: [ReadModelController], providers: [SyncHistoryRepository, ReadModelHandler] })
export class ReadModelModule {}
