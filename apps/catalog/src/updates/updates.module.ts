import { Module } from '@nestjs/common';
import { CatalogUpdatedNotifier } from './catalog-updated.notifier';

@Module({ providers: [CatalogUpdatedNotifier], exports: [CatalogUpdatedNotifier] })
export class UpdatesModule {}
