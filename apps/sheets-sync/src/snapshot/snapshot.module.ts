import { Module } from '@nestjs/common';
import { ResultsSnapshotHandler } from './results-snapshot.handler';

/** Answers the sheet results snapshot read models rebuild from. */
@Module({ controllers: [ResultsSnapshotHandler] })
export class SnapshotModule {}
