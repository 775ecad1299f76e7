import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import { RowSyncModule } from './row-sync/row-sync.module';
import type { OrchestratorConfig } from './orchestrator.config';
import { SchedulerModule } from './scheduler/scheduler.module';
import { StatusModule } from './status/status.module';
import { SyncRunModule } from './sync-run/sync-run.module';

@Module({})
export class AppModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'orchestrator', migrations: migrationsFor('orchestrator') }, config),
        SyncRunModule,
        RowSyncModule,
        SchedulerModule,
        StatusModule,
      ],
    };
  }
}
