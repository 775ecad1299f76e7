import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module';
import { ProjectsModule } from '../projects/projects.module';
import { UpdatesModule } from '../updates/updates.module';
import { CatalogUpdateHandler } from './catalog-update.handler';
import { ReconcileRepository } from './reconcile.repository';
import { ReconcileService } from './reconcile.service';

@Module({
  controllers: [CatalogUpdateHandler],
  imports: [ProjectsModule, PlacementModule, UpdatesModule],
  providers: [ReconcileRepository, ReconcileService],
})
export class ReconcileModule {}
