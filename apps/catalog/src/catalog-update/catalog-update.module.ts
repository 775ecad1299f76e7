import { Module } from '@nestjs/common';
import { CatalogUpdateHandler } from './catalog-update.handler';

@Module({ providers: [CatalogUpdateHandler] })
export class CatalogUpdateModule {}
