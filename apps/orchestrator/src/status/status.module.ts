import { Module } from '@nestjs/common';
import { BlockStatusRepository } from './block-status.repository';
import { StatusTracker } from './status-tracker';

@Module({ providers: [BlockStatusRepository, StatusTracker], exports: [StatusTracker] })
export class StatusModule {}
