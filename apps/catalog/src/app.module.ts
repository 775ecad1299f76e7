import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import type { CatalogConfig } from './catalog.config';
import { CurationModule } from './curation/curation.module';
import { CatalogApiModule } from './http/catalog-api.module';
import { MatchModule } from './match/match.module';
import { PlacementModule } from './placement/placement.module';
import { ProjectsModule } from './projects/projects.module';
import { ReconcileModule } from './reconcile/reconcile.module';
import { UpdatesModule } from './updates/updates.module';
import { SnapshotModule } from './snapshot/snapshot.module';

@Module({})
export class AppModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'catalog', migrations: migrationsFor('catalog') }, config),
        ProjectsModule,
        UpdatesModule,
        PlacementModule,
        ReconcileModule,
        CurationModule,
        MatchModule,
        CatalogApiModule,
        SnapshotModule,
      ],
    };
  }
}
