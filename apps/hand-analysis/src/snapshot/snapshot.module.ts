import { Module } from '@nestjs/common';
import { ClipsSnapshotHandler } from './clips-snapshot.handler';

/** Answers the clip snapshots read models refresh and rebuild from. */
@Module({ controllers: [ClipsSnapshotHandler] })
export class SnapshotModule {}
