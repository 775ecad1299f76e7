import { Module } from '@nestjs/common';
import { BrowseModule } from '../browse/browse.module';
import { SearchModule } from '../search/search.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

/** Exports of an episode's or a search's clips. */
@Module({ imports: [BrowseModule, SearchModule], controllers: [ExportController], providers: [ExportService] })
export class ExportModule {}
