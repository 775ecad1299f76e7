import {
  BadRequestException,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiKeyGuard, RateLimitGuard } from '@pokervod/service-kit';
import type { RunView } from './run-view';
import { SYNC_TYPES, SyncType } from './sync-plan';
import { SyncRunService } from './sync-run.service';

@Controller('api/orchestrator')
export class SyncRunController {
  constructor(private readonly runs: SyncRunService) {}

  /**
   * The manual trigger (docs/architecture.md#manual-trigger): answers at once;
   * the run goes on in the background and `task_id` is its id
   * (`GET /runs/:id`). While a run of that type is going, the same call returns
   * it with `already_running`. Rate-limited before the key check, so keys
   * cannot be guessed quickly.
   */
  @Post('sync')
  @HttpCode(202)
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  async trigger(
    @Query('sync_type', new DefaultValuePipe('incremental')) syncType: string,
  ): Promise<{ task_id: string; status: 'started' | 'already_running' }> {
    if (!(SYNC_TYPES as readonly string[]).includes(syncType)) {
      throw new BadRequestException(`sync_type must be one of ${SYNC_TYPES.join(', ')}`);
    }
    const { run, created } = await this.runs.start(syncType as SyncType, 'api');
    return { task_id: run.id, status: created ? 'started' : 'already_running' };
  }

  @Get('runs')
  list(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number): Promise<RunView[]> {
    return this.runs.list(Math.min(Math.max(limit, 1), 200));
  }

  @Get('runs/:id')
  async one(@Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    const run = await this.runs.view(id);
    if (!run) throw new NotFoundException(`no sync run ${id}`);
    return run;
  }
}
