import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@pokervod/contracts';
import { ReadinessService } from '@pokervod/service-kit';

/** The status instances metrics are read from when scraped (one API per process; the last one started). */
const instances: ReadModelStatus[] = [];
const current = (): ReadModelStatus | undefined => instances[instances.length - 1];

function metrics() {
  if (METRICS) return METRICS;
  const lag = new Gauge({
    name: 'pokervod_api_read_model_lag_seconds',
    help: 'Now minus the publish time of the last event the read model applied',
    async collect() {
      const details = await current()
        ?.details()
        .catch(() => null);
      if (!details) return;
      this.set((details['lag_s'] as number | null) ?? 0);
      backlog.set(details['refresh_backlog'] as number);
      oldest.set((details['refresh_oldest_s'] as number | null) ?? 0);
    },
  });
  const backlog = new Gauge({
    name: 'pokervod_api_read_model_refresh_backlog',
    help: 'Refreshes waiting for a block answer (clips to fetch, the catalog to re-read)',
  });
  const oldest = new Gauge({
    name: 'pokervod_api_read_model_refresh_oldest_seconds',
    help: 'Age of the oldest waiting refresh (0: none)',
  });
  const applied = new Histogram({
    name: 'pokervod_api_read_model_apply_delay_seconds',
    help: 'Time from an event being published to the read model having applied it',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60],
  });
  METRICS = { lag, backlog, oldest, applied };
  return METRICS;
}
let METRICS: { lag: Gauge; backlog: Gauge; oldest: Gauge; applied: Histogram } | null = null;

/**
 * How far behind the read model is: the last event applied (when it was
 * published, and how long after that it was applied) and the refresh work
 * still waiting for a block's answer. Shown in `/health/ready` details and
 * `/metrics`; a lagging read model still answers, so lag never makes the API
 * unready.
 */
@Injectable()
export class ReadModelStatus implements OnApplicationBootstrap, OnModuleDestroy {
  private lastEvent: { type: string; at: number; appliedAt: number } | null = null;
  private count = 0;
  private readonly metrics = metrics();

  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessService,
  ) {}

  onApplicationBootstrap(): void {
    instances.push(this);
    this.readiness.register('read_model', async () => ({ problem: null, details: await this.details() }));
  }

  onModuleDestroy(): void {
    const index = instances.indexOf(this);
    if (index >= 0) instances.splice(index, 1);
  }

  eventApplied(event: EventEnvelope): void {
    const now = Date.now();
    const at = Date.parse(event.timestamp);
    this.lastEvent = { type: event.type, at, appliedAt: now };
    this.count++;
    if (Number.isFinite(at)) this.metrics.applied.observe(Math.max(0, now - at) / 1000);
  }

  async details(): Promise<Record<string, unknown>> {
    const [queue] = (await this.dataSource.query(
      `SELECT count(*)::int AS backlog, extract(epoch FROM now() - min(queued_at))::float8 AS oldest_s
         FROM search.refresh_queue`,
    )) as { backlog: number; oldest_s: number | null }[];
    const lagS = this.lastEvent ? Math.max(0, Date.now() - this.lastEvent.at) / 1000 : null;
    return {
      last_event_type: this.lastEvent?.type ?? null,
      last_event_at: this.lastEvent ? new Date(this.lastEvent.at).toISOString() : null,
      last_applied_at: this.lastEvent ? new Date(this.lastEvent.appliedAt).toISOString() : null,
      lag_s: lagS,
      apply_delay_ms: this.lastEvent ? this.lastEvent.appliedAt - this.lastEvent.at : null,
      events_applied: this.count,
      refresh_backlog: queue?.backlog ?? 0,
      refresh_oldest_s: queue?.oldest_s ?? null,
    };
  }
}
