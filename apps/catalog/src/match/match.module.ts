import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { EpisodeMatchHandler } from './episode-match.handler';
import { EpisodeMatchService } from './episode-match.service';

@Module({
  imports: [ProjectsModule],
  controllers: [EpisodeMatchHandler],
  providers: [EpisodeMatchService],
  exports: [EpisodeMatchService],
})
export class MatchModule {}
