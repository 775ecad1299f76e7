import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import { PollModule } from './poll/poll.module';
import type { SheetsConfig } from './sheets-sync.config';
import { SyncModule } from './sync/sync.module';
import { WebhookModule } from './webhook/webhook.module';
import { SnapshotModule } from './snapshot/snapshot.module';

@Module({})
export class AppModule {
  static register(config: SheetsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'sheets-sync', migrations: migrationsFor('sheets') }, config),
        SyncModule,
        PollModule,
        WebhookModule,
        SnapshotModule,
      ],
    };
  }
}
