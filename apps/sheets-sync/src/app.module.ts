import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { SheetSyncModule } from './sheet-sync/sheet-sync.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'sheets-sync', migrations: migrationsFor('sheets') }, config),
        SheetSyncModule,
      ],
    };
  }
}
