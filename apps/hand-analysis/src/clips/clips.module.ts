import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { VideosModule } from '../videos/videos.module';
import { HandClipController } from './hand-clip.controller';
import { HandClipHandler } from './hand-clip.handler';
import { HandClipRepository } from './hand-clip.repository';
import { HandClipService } from './hand-clip.service';

@Module({
  imports: [TagsModule, VideosModule],
  controllers: [HandClipController, HandClipHandler],
  providers: [HandClipRepository, HandClipService],
  exports: [HandClipRepository, HandClipService],
})
export class ClipsModule {}
