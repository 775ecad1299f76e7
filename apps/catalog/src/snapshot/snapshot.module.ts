import { Module } from '@nestjs/common';
import { CatalogSnapshotHandler } from './catalog-snapshot.handler';

/** Answers the catalog snapshots read models refresh and rebuild from. */
@Module({ controllers: [CatalogSnapshotHandler] })
export class SnapshotModule {}
