import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { CommandResponse } from '@pokervod/contracts';
import { CommandRejection, describeIssues } from '@pokervod/messaging';
import { AddTagsBodySchema } from './clip-requests';
import { ClipNotFoundError, CreateClipRequest, HandClipService, UpdateClipRequest } from './hand-clip.service';

/** Block C's commands (docs/architecture.md#commands), answered by the same service as the HTTP API. */
@Controller()
export class HandClipHandler {
  constructor(private readonly clips: HandClipService) {}

  @MessagePattern('hands.create_hand_clip')
  create(@Payload() request: CreateClipRequest): Promise<CommandResponse<'hands.create_hand_clip'>> {
    return this.clips.create(request);
  }

  @MessagePattern('hands.update_hand_clip')
  update(@Payload() request: UpdateClipRequest): Promise<CommandResponse<'hands.update_hand_clip'>> {
    return notFoundAsRejection(() => this.clips.update(request));
  }

  @MessagePattern('hands.remove_hand_clip')
  remove(@Payload() request: { source_row_key: string }): Promise<CommandResponse<'hands.remove_hand_clip'>> {
    return this.clips.remove(request.source_row_key);
  }

  @MessagePattern('hands.add_tags')
  async addTags(@Payload() request: { clip_id: string; tags: string[] }): Promise<CommandResponse<'hands.add_tags'>> {
    const limits = AddTagsBodySchema.safeParse({ tags: request.tags });
    if (!limits.success) throw new CommandRejection('invalid_request', describeIssues(limits.error));
    return { tags: await notFoundAsRejection(() => this.clips.addTags(request.clip_id, request.tags)) };
  }
}

async function notFoundAsRejection<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClipNotFoundError) throw new CommandRejection('not_found', error.message);
    throw error;
  }
}
