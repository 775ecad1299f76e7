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
import { ApiKeyGuard } from '@pokervod/service-kit';
import { RunView, SyncRunService } from './sync-run.service';

@Controller('api/orchestrator')
export class SyncRunController {
  constructor(private readonly runs: SyncRunService) {}

  /** Seed §8.2 manual trigger; answers at once, the run goes on in the background. */
  @Post('sync')
  @HttpCode(202)
  @UseGuards(ApiKeyGuard)
  async trigger(
    @Query('sync_type') syncType = 'full',
  ): Promise<{ task_id: string; status: 'started' | 'already_running' }> {
    if (syncType !== 'full') {
      throw new BadRequestException(`sync_type "${syncType}" is not supported yet; use "full"`);
    }
    const { run, created } = await this.runs.startFull('api');
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
