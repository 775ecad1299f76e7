import { Module } from '@nestjs/common';
import { CurationModule } from '../curation/curation.module';
import { MatchModule } from '../match/match.module';
import { ProjectsModule } from '../projects/projects.module';
import { CatalogReadRepository } from './catalog-read.repository';
import { CatalogReadService } from './catalog-read.service';
import { CatalogController } from './catalog.controller';

@Module({
  imports: [CurationModule, MatchModule, ProjectsModule],
  controllers: [CatalogController],
  providers: [CatalogReadRepository, CatalogReadService],
})
export class CatalogApiModule {}
