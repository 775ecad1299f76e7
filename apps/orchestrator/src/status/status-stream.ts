import { Inject, Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { EMPTY, Observable, catchError, distinctUntilChanged, exhaustMap, from, map, shareReplay, timer } from 'rxjs';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { OrchestratorConfig } from '../orchestrator.config';
import { OrchestratorStatusService } from './orchestrator-status.service';

/**
 * The status as server-sent events for any number of dashboards: ONE poll
 * of the tables (changes by any replica show up) feeds every connection,
 * and runs only while someone listens; a new connection gets the latest
 * status at once. At most STATUS_STREAM_MAX_CONNECTIONS at a time.
 */
@Injectable()
export class StatusStream {
  private readonly statuses: Observable<string>;
  private open = 0;
  readonly max: number;

  constructor(status: OrchestratorStatusService, @Inject(SERVICE_CONFIG) config: OrchestratorConfig) {
    this.max = config.STATUS_STREAM_MAX_CONNECTIONS;
    this.statuses = timer(0, config.STATUS_STREAM_POLL_MS).pipe(
      // A slow poll is not stacked up; a failed one (database away) skips a beat instead of ending every stream.
      exhaustMap(() => from(status.status()).pipe(catchError(() => EMPTY))),
      map((s) => JSON.stringify(s)),
      distinctUntilChanged(),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  get connections(): number {
    return this.open;
  }

  /**
   * A connection's stream, or null when the cap is reached. The place is
   * taken now (so a burst cannot pass the cap) and given back when the
   * response closes or the stream is unsubscribed, whichever comes first.
   */
  connect(response: ServerResponse | undefined): Observable<string> | null {
    if (this.open >= this.max) return null;
    this.open++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.open--;
    };
    response?.once('close', release);
    return new Observable<string>((subscriber) => {
      const subscription = this.statuses.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        release();
      };
    });
  }
}
