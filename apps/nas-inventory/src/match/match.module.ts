import { Module } from '@nestjs/common';
import { FileMatchService } from './file-match.service';

@Module({ providers: [FileMatchService] })
export class MatchModule {}
