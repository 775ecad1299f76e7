import { Module } from '@nestjs/common';
import { SyncRunModule } from '../sync-run/sync-run.module';
import { SchedulerService } from './scheduler.service';

@Module({ imports: [SyncRunModule], providers: [SchedulerService], exports: [SchedulerService] })
export class SchedulerModule {}
