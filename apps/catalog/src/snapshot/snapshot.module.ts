import { Module } from '@nestjs/common';
import { CatalogSnapshotHandler } from './catalog-snapshot.handler';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository';

/** Answers the catalog snapshots read models refresh and rebuild from. */
@Module({ controllers: [CatalogSnapshotHandler], providers: [CatalogSnapshotRepository] })
export class SnapshotModule {}
