import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SourceRegistry } from '../sources/source-registry';
import { SheetSyncService } from './sheet-sync.service';

/** What each configured hand log last did: for operators and the dashboard. Read-only. */
@Controller('api/sheets')
export class SourcesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SourceRegistry,
    private readonly syncs: SheetSyncService,
  ) {}

  @Get('sources')
  async list() {
    const states = new Map(
      (await this.syncs.repository.sources(this.dataSource.manager)).map((s) => [s.id, s] as const),
    );
    return this.registry.sources.map((source) => {
      const state = states.get(source.id);
      return {
        id: source.id,
        kind: source.spec.kind,
        syncing: this.syncs.busy(source.id),
        breaker: this.registry.breakerState(source.id),
        last_status: state?.last_status ?? null,
        last_error: state?.last_error ?? null,
        unread: state?.unread ?? [],
        rows_total: state?.rows_total ?? 0,
        last_attempt_at: state?.last_attempt_at ?? null,
        last_synced_at: state?.last_synced_at ?? null,
        last_result: state?.last_result ?? null,
      };
    });
  }
}
