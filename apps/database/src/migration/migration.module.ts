import { DynamicModule, Module } from '@nestjs/common';
import { DATABASE_URL_TOKEN, MigrationService } from './migration.service';
import { MigrationController } from './migration.controller';
import { MigrationOnBoot } from './migration-on-boot';

@Module({})
export class MigrationModule {
  static register(databaseUrl: string): DynamicModule {
    return {
      module: MigrationModule,
      controllers: [MigrationController],
      providers: [{ provide: DATABASE_URL_TOKEN, useValue: databaseUrl }, MigrationService, MigrationOnBoot],
    };
  }
}
