import { DynamicModule, Module } from '@nestjs/common';
import type { SchemaRole } from '@pokervod/persistence';
import { DATABASE_URL_TOKEN, MigrationService, SCHEMA_ROLES_TOKEN } from './migration.service';
import { MigrationController } from './migration.controller';
import { MigrationHandler } from './migration.handler';
import { MigrationOnBoot } from './migration-on-boot';

@Module({})
export class MigrationModule {
  static register(databaseUrl: string, roles: readonly SchemaRole[] = []): DynamicModule {
    return {
      module: MigrationModule,
      controllers: [MigrationController, MigrationHandler],
      providers: [
        { provide: DATABASE_URL_TOKEN, useValue: databaseUrl },
        { provide: SCHEMA_ROLES_TOKEN, useValue: roles },
        MigrationService,
        MigrationOnBoot,
      ],
    };
  }
}
