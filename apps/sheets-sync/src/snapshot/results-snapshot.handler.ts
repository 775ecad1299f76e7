import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { CommandResponse, SyncResultSchema } from '@pokervod/contracts';

/**
 * `sheets.results_snapshot`: every source's last result (its bad and
 * duplicate rows), for read models rebuilding from scratch.
 */
@Controller()
export class ResultsSnapshotHandler {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern('sheets.results_snapshot')
  async snapshot(): Promise<CommandResponse<'sheets.results_snapshot'>> {
    const rows: { last_result: unknown; last_attempt_at: Date | null }[] = await this.dataSource.query(
      `SELECT last_result, last_attempt_at FROM sheets.sources WHERE last_result IS NOT NULL ORDER BY id`,
    );
    return {
      results: rows.flatMap((row) => {
        // A result stored by an older version may lack newer fields: the schema fills their defaults.
        const parsed = SyncResultSchema.safeParse(row.last_result);
        if (!parsed.success) return [];
        const syncedAt = row.last_attempt_at ? new Date(row.last_attempt_at).toISOString() : null;
        return [{ ...parsed.data, synced_at: syncedAt }];
      }),
    };
  }
}
