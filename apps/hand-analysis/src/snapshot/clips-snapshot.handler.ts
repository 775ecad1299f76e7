import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { CommandRequest, CommandResponse } from '@pokervod/contracts';
import { CommandRejection } from '@pokervod/messaging';
import { ClipsSnapshotRepository } from './clips-snapshot.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `hands.clips_snapshot`: clips with their tags — by id for a read model
 * following `hand.clip.created`/`tagged` (the ids not returned no longer
 * exist), or every clip page by page for a rebuild.
 */
@Controller()
export class ClipsSnapshotHandler {
  constructor(
    private readonly repository: ClipsSnapshotRepository,
    private readonly dataSource: DataSource,
  ) {}

  @MessagePattern('hands.clips_snapshot')
  async snapshot(
    @Payload() { after, limit, ids }: CommandRequest<'hands.clips_snapshot'>,
  ): Promise<CommandResponse<'hands.clips_snapshot'>> {
    if (after && !UUID.test(after))
      throw new CommandRejection('invalid_request', 'after: not a cursor of this snapshot');
    if (ids) {
      const clips = await this.repository.clips(this.dataSource.manager, { after: null, ids, limit: ids.length });
      return { clips, next: null };
    }
    const rows = await this.repository.clips(this.dataSource.manager, {
      after: after ?? null,
      ids: null,
      limit: limit + 1,
    });
    const clips = rows.slice(0, limit);
    return { clips, next: rows.length > limit ? clips[clips.length - 1].id : null };
  }
}
