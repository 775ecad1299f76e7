import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { CommandRequest, CommandResponse, FileSnapshot } from '@pokervod/contracts';
import { CommandRejection } from '@pokervod/messaging';
import type { InventoryFile } from '../inventory/inventory.repository';
import { toVideoFile } from '../scan/scan-engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = InventoryFile & { missing_since: Date | null; updated_at: Date };

/**
 * `nas.files_snapshot`: the whole inventory, missing files included, page by
 * page in id order (the cursor is the last id), for read models rebuilding
 * from scratch (the API's reindex).
 */
@Controller()
export class FilesSnapshotHandler {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern('nas.files_snapshot')
  async snapshot(
    @Payload() { after, limit }: CommandRequest<'nas.files_snapshot'>,
  ): Promise<CommandResponse<'nas.files_snapshot'>> {
    if (after && !UUID.test(after))
      throw new CommandRejection('invalid_request', 'after: not a cursor of this snapshot');
    const rows: Row[] = await this.dataSource.query(
      `SELECT id::text AS id, root, path, size::float8 AS size, mtime, inode, device, content_hash, status, parsed,
              media, missing_since, updated_at
         FROM nas.video_files WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const files: FileSnapshot[] = page.map((row) => ({
      ...toVideoFile({ ...row, size: Number(row.size) }),
      status: row.status,
      missing_since: row.missing_since ? new Date(row.missing_since).toISOString() : null,
      updated_at: new Date(row.updated_at).toISOString(),
    }));
    return { files, next: rows.length > limit ? page[page.length - 1].id : null };
  }
}
