import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { SyncHistoryEntry, SyncHistoryRepository } from './sync-history.repository';

@Controller('api')
export class ReadModelController {
  constructor(private readonly history: SyncHistoryRepository) {}

  /** Finished full syncs, newest first. */
  @Get('sync-history')
  syncHistory(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number): Promise<SyncHistoryEntry[]> {
    return this.history.latest(Math.min(Math.max(limit, 1), 200));
  }
}
