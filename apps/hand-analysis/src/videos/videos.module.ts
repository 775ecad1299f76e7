import { Module } from '@nestjs/common';
import { VideoFactsHandler } from './video-facts.handler';
import { VideoRepository } from './video.repository';

@Module({ controllers: [VideoFactsHandler], providers: [VideoRepository], exports: [VideoRepository] })
export class VideosModule {}
