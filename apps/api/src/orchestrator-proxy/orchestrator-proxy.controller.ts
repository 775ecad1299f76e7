import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiKeyGuard } from '@pokervod/service-kit';
import { ApiQueryFrom } from '../http/openapi';
import { limit, parseQuery, uuid } from '../http/query';
import { OrchestratorProxy } from './orchestrator-proxy.service';

const LimitSchema = z.object({ limit: limit(20, 1000) });
const SyncSchema = z.object({ sync_type: z.enum(['full', 'incremental']).optional() });

/** The orchestrator's status and controls for the dashboard, on the API's origin (docs/api.md). */
@ApiTags('orchestrator')
@Controller('api/orchestrator')
export class OrchestratorProxyController {
  constructor(private readonly proxy: OrchestratorProxy) {}

  @Get('status')
  @ApiOperation({ summary: 'Orchestrator status (overall, blocks A–G, last and next sync, current run)' })
  status(@Res() res: Response) {
    return this.proxy.forward(res, 'GET', '/api/orchestrator/status');
  }

  @Get('status/stream')
  @ApiOperation({ summary: 'The status as server-sent events, passed through' })
  stream(@Req() req: Request, @Res() res: Response) {
    return this.proxy.stream(req, res, '/api/orchestrator/status/stream');
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first' })
  @ApiQueryFrom(LimitSchema)
  runs(@Query() query: unknown, @Res() res: Response) {
    const { limit: n } = parseQuery(LimitSchema, query);
    return this.proxy.forward(res, 'GET', '/api/orchestrator/runs', { limit: String(n) });
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One sync run' })
  run(@Param() params: unknown, @Res() res: Response) {
    const { id } = parseQuery(z.object({ id: uuid() }), params);
    return this.proxy.forward(res, 'GET', `/api/orchestrator/runs/${id}`);
  }

  @Post('sync')
  @HttpCode(202)
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Start a sync (API key): 202 {task_id, status}' })
  @ApiQueryFrom(SyncSchema)
  sync(@Query() query: unknown, @Res() res: Response) {
    const { sync_type } = parseQuery(SyncSchema, query);
    return this.proxy.forward(res, 'POST', '/api/orchestrator/sync', { sync_type }, true);
  }

  @Get('dead-letters')
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'The orchestrator’s dead letters (API key)' })
  @ApiQueryFrom(LimitSchema)
  deadLetters(@Query() query: unknown, @Res() res: Response) {
    const { limit: n } = parseQuery(LimitSchema, query);
    return this.proxy.forward(res, 'GET', '/admin/dead-letters', { limit: String(n) }, true);
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Replay the orchestrator’s dead letters (API key): {replayed}' })
  @ApiQueryFrom(LimitSchema)
  replay(@Query() query: unknown, @Res() res: Response) {
    const { limit: n } = parseQuery(LimitSchema, query);
    return this.proxy.forward(res, 'POST', '/admin/dead-letters/replay', { limit: String(n) }, true);
  }
}
