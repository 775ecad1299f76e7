import { Controller, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiKeyGuard } from '@pokervod/service-kit';
import { notFound } from '../http/api-error';
import { ApiQueryFrom } from '../http/openapi';
import { bool, parseQuery } from '../http/query';
import { ReindexService } from './reindex.service';

const ReindexQuerySchema = z.object({ wait: bool().optional() });

@ApiTags('admin')
@Controller('api/admin/reindex')
@UseGuards(ApiKeyGuard)
@ApiSecurity('api-key')
export class ReindexController {
  constructor(private readonly reindex: ReindexService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild the read model from every block’s snapshot, swapped in without a gap in answers (API key); wait=true answers when done',
  })
  @ApiQueryFrom(ReindexQuerySchema)
  async start(@Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const { wait } = parseQuery(ReindexQuerySchema, query);
    const run = await this.reindex.start(wait ?? false);
    if (wait) res.status(200);
    return run;
  }

  @Get()
  @ApiOperation({ summary: 'The latest reindex: status, counts, warnings (a block that did not answer)' })
  async latest() {
    const run = await this.reindex.latest();
    if (!run) throw notFound('reindex yet');
    return run;
  }
}
