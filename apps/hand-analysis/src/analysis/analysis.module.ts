import { Module } from '@nestjs/common';
import { ClipsModule } from '../clips/clips.module';
import { AnalysisHandler } from './analysis.handler';
import { HandAnalysisService } from './hand-analysis.service';

@Module({ controllers: [AnalysisHandler], imports: [ClipsModule], providers: [HandAnalysisService] })
export class AnalysisModule {}
