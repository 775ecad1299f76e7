import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module';
import { ProjectsModule } from '../projects/projects.module';
import { UpdatesModule } from '../updates/updates.module';
import { CurationHandler } from './curation.handler';
import { CurationService } from './curation.service';

@Module({
  controllers: [CurationHandler],
  imports: [PlacementModule, ProjectsModule, UpdatesModule],
  providers: [CurationService],
  exports: [CurationService],
})
export class CurationModule {}
