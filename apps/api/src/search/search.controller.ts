import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiAnswers, ApiQueryFrom } from '../http/openapi';
import { parseQuery } from '../http/query';
import { SearchResultSchema } from '@pokervod/api-shapes';
import { SearchQuerySchema } from './search.queries';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('api/search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Get()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary:
      'search_catalog: one ranked list over projects, episodes, clips and files (English, Korean, typos), with facets',
  })
  @ApiQueryFrom(SearchQuerySchema, {
    q: 'free text; empty: everything matching the filters',
    kind: 'comma list of project, episode, clip, file',
    tag: 'a tag name (clips only)',
    player: 'a player name (clips only)',
    status: 'valid or invalid (clips only)',
    limit: '1–100, default 20',
  })
  @ApiAnswers(SearchResultSchema, 429)
  search(@Query() query: unknown) {
    const { limit, cursor, ...filter } = parseQuery(SearchQuerySchema, query);
    return this.searches.search(filter, cursor, limit);
  }
}
