import { Controller, Get, MessageEvent, Req, ServiceUnavailableException, Sse } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, map } from 'rxjs';
import { OrchestratorStatus, OrchestratorStatusService } from './orchestrator-status.service';
import { StatusStream } from './status-stream';

@Controller('api/orchestrator')
export class StatusController {
  constructor(
    private readonly status: OrchestratorStatusService,
    private readonly stream: StatusStream,
  ) {}

  /**
   * `overall`, `blocks` A–G, `last_sync`, `next_scheduled_sync`, plus the
   * current run (docs/architecture.md#status-endpoint).
   */
  @Get('status')
  get(): Promise<OrchestratorStatus> {
    return this.status.status();
  }

  /**
   * Server-sent events: the status now, then again whenever it changes (one
   * shared poll for all connections). Past the connection cap: 503 with
   * Retry-After.
   */
  @Sse('status/stream')
  streamStatus(@Req() req: Request): Observable<MessageEvent> {
    const statuses = this.stream.connect(req.res);
    if (!statuses) {
      req.res?.setHeader('Retry-After', '5');
      throw new ServiceUnavailableException(`too many status streams (${this.stream.max}); try again shortly`);
    }
    return statuses.pipe(map((data) => ({ type: 'status', data })));
  }
}
