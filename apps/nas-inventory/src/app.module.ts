import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { ScanModule } from './scan/scan.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'nas-inventory', migrations: migrationsFor('nas') }, config),
        ScanModule,
      ],
    };
  }
}
