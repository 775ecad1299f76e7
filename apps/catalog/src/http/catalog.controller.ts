import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { Commands } from '@pokervod/contracts';
import { ApiKeyGuard, RateLimitGuard } from '@pokervod/service-kit';
import { CatalogError } from '../catalog-error';
import { CurationService } from '../curation/curation.service';
import { EpisodeMatchService } from '../match/episode-match.service';
import { ProjectsService } from '../projects/projects.service';
import { CatalogReadService } from './catalog-read.service';

/** Validates a request with the command's own schema: HTTP and RabbitMQ accept exactly the same input. */
function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadRequestException(
    result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
  );
}

async function http<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    if (error.code === 'not_found') throw new NotFoundException(error.message);
    if (error.code === 'conflict') throw new ConflictException(error.message);
    throw new BadRequestException(error.message);
  }
}

/** `?project=WSOP`: one project code (a repeated parameter is an array, and refused). */
const TreeQuerySchema = z.object({ project: z.string().max(200).optional() });

const body = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Block B's REST endpoints (curation and reads). Curation needs the API key and is rate-limited. */
@Controller('api/catalog')
export class CatalogController {
  constructor(
    private readonly reads: CatalogReadService,
    private readonly curation: CurationService,
    private readonly matcher: EpisodeMatchService,
    private readonly projects: ProjectsService,
  ) {}

  @Get('projects')
  listProjects() {
    return this.reads.listProjects();
  }

  @Post('projects')
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  createProject(@Body() input: unknown) {
    const { code, name } = valid(Commands['catalog.create_project'].request, input);
    return http(() => this.projects.create(code, name));
  }

  @Get('tree')
  tree(@Query() query: unknown) {
    const { project } = valid(TreeQuerySchema, query);
    return http(() => this.reads.tree(project ?? null));
  }

  @Get('episodes/:id')
  episode(@Param('id') id: string) {
    return http(() => this.reads.episode(id));
  }

  @Patch('episodes/:id')
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  rename(@Param('id') id: string, @Body() input: unknown) {
    const { episode_id, title } = valid(Commands['catalog.rename_episode'].request, { ...body(input), episode_id: id });
    return http(() => this.curation.rename(episode_id, title));
  }

  @Post('episodes/:id/merge')
  @HttpCode(200)
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  merge(@Param('id') id: string, @Body() input: unknown) {
    const request = valid(Commands['catalog.merge_episodes'].request, { ...body(input), into_episode_id: id });
    return http(() => this.curation.merge(request.into_episode_id, request.from_episode_id));
  }

  @Put('files/:fileId/episode')
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  pin(@Param('fileId') fileId: string, @Body() input: unknown) {
    const request = valid(Commands['catalog.pin_file'].request, { ...body(input), file_id: fileId });
    return http(() => this.curation.pin(request.file_id, request.episode_id));
  }

  @Get('unsorted')
  unsorted(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset: number,
  ) {
    // ParseIntPipe reads "99999999999999999999" as 1e20, which no SQL OFFSET takes.
    if (!Number.isSafeInteger(offset)) throw new BadRequestException('offset must be an integer below 2^53');
    return this.reads.unsorted(Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0));
  }

  @Get('match')
  match(@Query('title') title?: string, @Query('video_file_id') videoFileId?: string) {
    const request = valid(Commands['catalog.match_episode'].request, {
      title,
      ...(videoFileId ? { video_file_id: videoFileId } : {}),
    });
    return this.matcher.match(request);
  }
}
