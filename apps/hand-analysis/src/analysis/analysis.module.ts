import { Module } from '@nestjs/common';
import { AnalysisHandler } from './analysis.handler';

@Module({ providers: [AnalysisHandler] })
export class AnalysisModule {}
