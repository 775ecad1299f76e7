import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { HandClipCommands } from './hand-clip.commands';
import { HandClipController } from './hand-clip.controller';
import { HandClipService } from './hand-clip.service';

@Module({
  imports: [TagsModule],
  controllers: [HandClipController, HandClipCommands],
  providers: [HandClipService],
  exports: [HandClipService],
})
export class ClipsModule {}
