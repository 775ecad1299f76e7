import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { HandLogRepository } from './hand-log.repository';
import { SheetSyncHandler } from './sheet-sync.handler';
import { SheetSyncService } from './sheet-sync.service';
import { SourcesController } from './sources.controller';

@Module({
  imports: [SourcesModule],
  controllers: [SourcesController, SheetSyncHandler],
  providers: [HandLogRepository, SheetSyncService],
  exports: [SheetSyncService, SourcesModule],
})
export class SyncModule {}
