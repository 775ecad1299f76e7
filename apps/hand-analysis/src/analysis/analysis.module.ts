import { Module } from '@nestjs/common';
import { ClipsModule } from '../clips/clips.module';
import { AnalysisHandler } from './analysis.handler';
import { HandAnalysisService } from './hand-analysis.service';

@Module({ imports: [ClipsModule], providers: [HandAnalysisService, AnalysisHandler] })
export class AnalysisModule {}
