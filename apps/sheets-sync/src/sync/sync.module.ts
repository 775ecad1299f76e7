import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { SheetSyncHandler } from './sheet-sync.handler';
import { SheetSyncService } from './sheet-sync.service';
import { SourcesController } from './sources.controller';

@Module({
  imports: [SourcesModule],
  controllers: [SourcesController],
  providers: [SheetSyncService, SheetSyncHandler],
  exports: [SheetSyncService, SourcesModule],
})
export class SyncModule {}
