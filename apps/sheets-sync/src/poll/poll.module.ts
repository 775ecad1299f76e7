import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { SheetPoller } from './sheet-poller.service';

@Module({ imports: [SyncModule], providers: [SheetPoller] })
export class PollModule {}
