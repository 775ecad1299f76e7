import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { HandClipHandler } from './hand-clip.handler';
import { HandClipController } from './hand-clip.controller';
import { HandClipService } from './hand-clip.service';

@Module({
  imports: [TagsModule],
  controllers: [HandClipController, HandClipHandler],
  providers: [HandClipService],
  exports: [HandClipService],
})
export class ClipsModule {}
