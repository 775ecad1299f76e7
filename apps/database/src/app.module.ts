import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import type { SchemaRole } from '@pokervod/persistence';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { MigrationModule } from './migration/migration.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig, roles: readonly SchemaRole[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'database', migrations: migrationsFor('database') }, config),
        MigrationModule.register(config.DATABASE_URL, roles),
      ],
    };
  }
}
