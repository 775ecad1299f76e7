import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import { MatchModule } from './match/match.module';
import type { NasConfig } from './nas-inventory.config';
import { ParseModule } from './parse/parse.module';
import { ScanModule } from './scan/scan.module';
import { SnapshotModule } from './snapshot/snapshot.module';

@Module({})
export class AppModule {
  static register(config: NasConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'nas-inventory', migrations: migrationsFor('nas') }, config),
        ScanModule,
        MatchModule,
        ParseModule,
        SnapshotModule,
      ],
    };
  }
}
