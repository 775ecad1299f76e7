import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom } from '../http/openapi';
import { limit, parseQuery } from '../http/query';
import { SyncHistoryEntry, SyncHistoryRepository } from './sync-history.repository';

const HistoryQuerySchema = z.object({ limit: limit(20, 200) });

@ApiTags('admin')
@Controller('api')
export class ReadModelController {
  constructor(private readonly history: SyncHistoryRepository) {}

  @Get('sync-history')
  @ApiOperation({ summary: 'Finished full syncs, newest first' })
  @ApiQueryFrom(HistoryQuerySchema)
  syncHistory(@Query() query: unknown): Promise<SyncHistoryEntry[]> {
    return this.history.latest(parseQuery(HistoryQuerySchema, query).limit);
  }
}
