import { Module } from '@nestjs/common';
import { ClipsSnapshotHandler } from './clips-snapshot.handler';
import { ClipsSnapshotRepository } from './clips-snapshot.repository';

/** Answers the clip snapshots read models refresh and rebuild from. */
@Module({ controllers: [ClipsSnapshotHandler], providers: [ClipsSnapshotRepository] })
export class SnapshotModule {}
