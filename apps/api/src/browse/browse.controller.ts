import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAnswers, ApiQueryFrom } from '../http/openapi';
import { parseQuery } from '../http/query';
import {
  ClipSchema,
  EpisodeDetailSchema,
  EventDetailSchema,
  FileSchema,
  ProjectDetailSchema,
  ProjectSchema,
  RowItemSchema,
  RowsSummarySchema,
  SeasonDetailSchema,
  pageOf,
} from '@pokervod/api-shapes';
import { ClipsQuerySchema, CodeParamSchema, FilesQuerySchema, IdParamSchema, RowsQuerySchema } from './browse.queries';
import { BrowseService } from './browse.service';

@ApiTags('catalog')
@Controller('api')
export class CatalogController {
  constructor(private readonly browse: BrowseService) {}

  @Get('projects')
  @ApiOperation({ summary: 'list_projects: every project with counts of seasons, events, episodes, files, clips' })
  @ApiAnswers(pageOf(ProjectSchema))
  projects() {
    return this.browse.projects();
  }

  @Get('projects/:code')
  @ApiOperation({ summary: 'A project and its seasons' })
  @ApiParam({ name: 'code', example: 'WSOP' })
  @ApiAnswers(ProjectDetailSchema, 404)
  project(@Param() params: unknown) {
    return this.browse.project(parseQuery(CodeParamSchema, params).code);
  }

  @Get('seasons/:id')
  @ApiOperation({ summary: 'A season and its events' })
  @ApiAnswers(SeasonDetailSchema, 404)
  season(@Param() params: unknown) {
    return this.browse.season(parseQuery(IdParamSchema, params).id);
  }

  @Get('events/:id')
  @ApiOperation({ summary: 'An event and its episodes' })
  @ApiAnswers(EventDetailSchema, 404)
  event(@Param() params: unknown) {
    return this.browse.event(parseQuery(IdParamSchema, params).id);
  }

  @Get('episodes/:id')
  @ApiOperation({ summary: 'An episode with its files and clips (a merged episode answers as the survivor)' })
  @ApiAnswers(EpisodeDetailSchema, 404)
  episode(@Param() params: unknown) {
    return this.browse.episode(parseQuery(IdParamSchema, params).id);
  }
}

@ApiTags('clips')
@Controller('api/clips')
export class ClipsController {
  constructor(private readonly browse: BrowseService) {}

  @Get()
  @ApiOperation({ summary: 'Hand clips, oldest first, filtered' })
  @ApiQueryFrom(ClipsQuerySchema)
  @ApiAnswers(pageOf(ClipSchema))
  list(@Query() query: unknown) {
    const { limit, cursor, ...filter } = parseQuery(ClipsQuerySchema, query);
    return this.browse.clips(filter, cursor, limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One clip: file, episode, in/out as frames, seconds and SMPTE, tags' })
  @ApiAnswers(ClipSchema, 404)
  one(@Param() params: unknown) {
    return this.browse.clip(parseQuery(IdParamSchema, params).id);
  }
}

@ApiTags('files')
@Controller('api/files')
export class FilesController {
  constructor(private readonly browse: BrowseService) {}

  @Get()
  @ApiOperation({ summary: 'NAS files; unmatched=true: present files the catalog placed in no episode' })
  @ApiQueryFrom(FilesQuerySchema)
  @ApiAnswers(pageOf(FileSchema))
  list(@Query() query: unknown) {
    const { limit, cursor, ...filter } = parseQuery(FilesQuerySchema, query);
    return this.browse.files(filter, cursor, limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One NAS file' })
  @ApiAnswers(FileSchema, 404)
  one(@Param() params: unknown) {
    return this.browse.file(parseQuery(IdParamSchema, params).id);
  }
}

@ApiTags('rows')
@Controller('api/rows')
export class RowsController {
  constructor(private readonly browse: BrowseService) {}

  @Get()
  @ApiOperation({
    summary:
      'Sheet rows that need an editor: stored rows by outcome and the sheet’s own bad/duplicate rows (default: unmatched, pending, invalid)',
  })
  @ApiQueryFrom(RowsQuerySchema, { outcome: 'comma list of unmatched, pending, invalid, duplicate, clip, removed' })
  @ApiAnswers(pageOf(RowItemSchema))
  list(@Query() query: unknown) {
    const { outcome, sheet, cursor, limit } = parseQuery(RowsQuerySchema, query);
    return this.browse.rows(outcome ?? ['unmatched', 'pending', 'invalid'], sheet, cursor, limit);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Counts of row outcomes and sheet problems, and each sheet’s last sync' })
  @ApiAnswers(RowsSummarySchema)
  summary() {
    return this.browse.rowsSummary();
  }
}
