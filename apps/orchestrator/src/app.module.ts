import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { StatusController } from './status/status.controller';
import { StatusModule } from './status/status.module';
import { SyncRunModule } from './sync-run/sync-run.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'orchestrator', migrations: migrationsFor('orchestrator') }, config),
        StatusModule,
        SyncRunModule,
      ],
      // Status reads both the tracker and the runs, so it sits above both modules.
      controllers: [StatusController],
    };
  }
}
