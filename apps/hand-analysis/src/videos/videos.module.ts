import { Module } from '@nestjs/common';
import { VideoFactsHandler } from './video-facts.handler';

@Module({ controllers: [VideoFactsHandler] })
export class VideosModule {}
