import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { CommandRequest, CommandResponse } from '@pokervod/contracts';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository';

/**
 * `catalog.tree_snapshot` and `catalog.files_snapshot`: what read models
 * (the API) refresh from after `catalog.updated`, and rebuild from.
 */
@Controller()
export class CatalogSnapshotHandler {
  constructor(
    private readonly repository: CatalogSnapshotRepository,
    private readonly dataSource: DataSource,
  ) {}

  @MessagePattern('catalog.tree_snapshot')
  tree(): Promise<CommandResponse<'catalog.tree_snapshot'>> {
    // One snapshot of the four tables: a repeatable-read transaction.
    return this.dataSource.transaction('REPEATABLE READ', (m) => this.repository.tree(m));
  }

  @MessagePattern('catalog.files_snapshot')
  async files(
    @Payload() { after, limit, updated_since }: CommandRequest<'catalog.files_snapshot'>,
  ): Promise<CommandResponse<'catalog.files_snapshot'>> {
    const { files, asOf } = await this.repository.placements(
      this.dataSource.manager,
      after ?? null,
      updated_since ?? null,
      limit + 1,
    );
    const page = files.slice(0, limit);
    return { files: page, next: files.length > limit ? page[page.length - 1].file_id : null, as_of: asOf };
  }
}
