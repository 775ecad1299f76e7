import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { EpisodeMatchService } from './episode-match.service';

@Module({ imports: [ProjectsModule], providers: [EpisodeMatchService], exports: [EpisodeMatchService] })
export class MatchModule {}
