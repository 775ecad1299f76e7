import { Module } from '@nestjs/common';
import { BrowseRepository } from './browse.repository';
import { CatalogController, ClipsController, FilesController, RowsController } from './browse.controller';
import { BrowseService } from './browse.service';

/** The catalog tree, clips, files and rows (docs/api.md "Catalog", "Clips, files, rows"). */
@Module({
  controllers: [CatalogController, ClipsController, FilesController, RowsController],
  providers: [BrowseRepository, BrowseService],
  exports: [BrowseRepository, BrowseService],
})
export class BrowseModule {}
