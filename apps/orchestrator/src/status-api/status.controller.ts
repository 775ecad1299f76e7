import { Controller, Get, MessageEvent, Sse } from '@nestjs/common';
import { Observable, distinctUntilChanged, from, map, switchMap, timer } from 'rxjs';
import { OrchestratorStatus, OrchestratorStatusService } from './orchestrator-status.service';

const STREAM_POLL_MS = 500;

@Controller('api/orchestrator')
export class StatusController {
  constructor(private readonly status: OrchestratorStatusService) {}

  /** Seed §6.2: `overall`, `blocks` A–G, `last_sync`, `next_scheduled_sync`, plus the current run. */
  @Get('status')
  get(): Promise<OrchestratorStatus> {
    return this.status.status();
  }

  /**
   * Server-sent events: the status now, then again whenever it changes. It
   * reads the tables, so changes made by any replica show up.
   */
  @Sse('status/stream')
  stream(): Observable<MessageEvent> {
    return timer(0, STREAM_POLL_MS).pipe(
      switchMap(() => from(this.status.status())),
      map((s) => JSON.stringify({ ...s, next_scheduled_sync: s.next_scheduled_sync })),
      distinctUntilChanged(),
      map((data) => ({ type: 'status', data })),
    );
  }
}
