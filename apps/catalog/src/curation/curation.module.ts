import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module';
import { ProjectsModule } from '../projects/projects.module';
import { UpdatesModule } from '../updates/updates.module';
import { CurationHandler } from './curation.handler';
import { CurationRepository } from './curation.repository';
import { CurationService } from './curation.service';

@Module({
  controllers: [CurationHandler],
  imports: [PlacementModule, ProjectsModule, UpdatesModule],
  providers: [CurationRepository, CurationService],
  exports: [CurationService],
})
export class CurationModule {}
