import {
  BadRequestException,
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { describeIssues } from '@pokervod/messaging';
import { ApiKeyGuard, RateLimitGuard } from '@pokervod/service-kit';
import type { ResolvedTag } from '../tags/taxonomy';
import { AddTagsBodySchema, ListQuerySchema, UpdateBodySchema } from './clip-requests';
import type { ClipView } from './clip-view';
import { ClipNotFoundError, HandClipService } from './hand-clip.service';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new BadRequestException(describeIssues(result.error));
  return result.data;
}

async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClipNotFoundError) throw new NotFoundException(error.message);
    throw error;
  }
}

/** Hand clips and tags over HTTP, for the dashboard's editors and operators; edits need the API key and are rate-limited. */
@Controller('api/hands')
export class HandClipController {
  constructor(private readonly clips: HandClipService) {}

  @Get('clips')
  async list(@Query() query: Record<string, unknown>) {
    const filter = parse(ListQuerySchema, query);
    const page = await this.clips.list(filter);
    return { ...page, limit: filter.limit, offset: filter.offset };
  }

  @Get('clips/:id')
  async one(@Param('id') id: string): Promise<ClipView> {
    const clip = await this.clips.get(id);
    if (!clip) throw new NotFoundException(`no hand clip ${id}`);
    return clip;
  }

  /** Edits a clip's timecodes or texts; answers with the clip as it now is (invalid ones too, with reasons). */
  @Patch('clips/:id')
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  async update(@Param('id') id: string, @Body() body: unknown): Promise<ClipView> {
    const changes = parse(UpdateBodySchema, body);
    const { id: clipId } = await orNotFound(() => this.clips.update({ ...changes, clip_id: id }));
    return (await this.clips.get(clipId)) as ClipView;
  }

  @Post('clips/:id/tags')
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  async addTags(@Param('id') id: string, @Body() body: unknown): Promise<{ tags: ResolvedTag[] }> {
    const { tags } = parse(AddTagsBodySchema, body);
    return { tags: await orNotFound(() => this.clips.addTags(id, tags)) };
  }

  @Get('tags')
  tags() {
    return this.clips.tagCatalog();
  }
}
