import { Module } from '@nestjs/common';
import { FilesSnapshotHandler } from './files-snapshot.handler';

/** Answers the inventory snapshot read models rebuild from. */
@Module({ controllers: [FilesSnapshotHandler] })
export class SnapshotModule {}
