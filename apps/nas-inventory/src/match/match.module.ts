import { Module } from '@nestjs/common';
import { FileMatchHandler } from './file-match.handler';
import { FileMatchService } from './file-match.service';

@Module({ controllers: [FileMatchHandler], providers: [FileMatchService] })
export class MatchModule {}
