import { Module } from '@nestjs/common';
import { BlockStatusRepository } from './block-status.repository';
import { BlockStatusHandler } from './block-status.handler';
import { StatusTracker } from './status-tracker';

@Module({
  controllers: [BlockStatusHandler],
  providers: [BlockStatusRepository, StatusTracker],
  exports: [StatusTracker],
})
export class BlockStatusModule {}
