import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { SearchChangeFeed } from './search-change-feed';
import { SearchResultCache } from './search-result-cache';

@Module({
  controllers: [SearchController],
  providers: [SearchRepository, SearchService, SearchChangeFeed, SearchResultCache],
  exports: [SearchService],
})
export class SearchModule {}
