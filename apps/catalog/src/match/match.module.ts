import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { EpisodeMatchHandler } from './episode-match.handler';
import { EpisodeMatchService } from './episode-match.service';
import { MatchRepository } from './match.repository';

@Module({
  imports: [ProjectsModule],
  controllers: [EpisodeMatchHandler],
  providers: [MatchRepository, EpisodeMatchService],
  exports: [EpisodeMatchService],
})
export class MatchModule {}
