import { Module } from '@nestjs/common';
import { VideoFactsHandler } from './video-facts.handler';

@Module({ providers: [VideoFactsHandler] })
export class VideosModule {}
