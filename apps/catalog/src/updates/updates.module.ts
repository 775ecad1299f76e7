import { Module } from '@nestjs/common';
import { CatalogCountsRepository } from './catalog-counts.repository';
import { CatalogUpdatedNotifier } from './catalog-updated.notifier';

@Module({ providers: [CatalogCountsRepository, CatalogUpdatedNotifier], exports: [CatalogUpdatedNotifier] })
export class UpdatesModule {}
