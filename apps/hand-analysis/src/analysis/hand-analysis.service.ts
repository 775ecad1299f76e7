import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { transactionRetryingConflicts } from '@pokervod/persistence';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import { HandClipRepository, isClipId } from '../clips/hand-clip.repository';
import { AnalysisBatch, HandClipService } from '../clips/hand-clip.service';
import type { HandsConfig } from '../hand-analysis.config';

export interface AnalysisSummary extends AnalysisBatch {
  total: number;
}

/**
 * Phase 3 of a full sync: analyses the given clips (or all of them) batch
 * by batch, each batch one transaction that also reports progress with
 * `system.block.status`. Analysing a clip twice gives the same result, so a
 * run cut short by a crash is simply run again.
 */
@Injectable()
export class HandAnalysisService {
  private readonly logger = new Logger('HandAnalysis');

  constructor(
    private readonly repository: HandClipRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly clips: HandClipService,
    @Inject(SERVICE_CONFIG) private readonly config: HandsConfig,
  ) {}

  async analyze(clipIds?: readonly string[]): Promise<AnalysisSummary> {
    const wanted = clipIds ? [...new Set(clipIds.filter(isClipId))] : undefined;
    const total = await this.repository.count(this.dataSource.manager, wanted);
    const summary: AnalysisSummary = { total, analyzed: 0, invalid: 0, tagged: 0, tagNames: new Set() };
    for await (const ids of this.batches(wanted)) {
      const batch = await transactionRetryingConflicts(this.dataSource, async (m) => {
        const done = await this.clips.analyzeBatch(m, ids);
        await this.bus.publishInTransaction(m, EventType.BLOCK_STATUS, {
          block_id: 'C',
          status: 'in_progress',
          items_processed: summary.analyzed + done.analyzed,
          items_total: Math.max(total, summary.analyzed + done.analyzed),
        });
        return done;
      });
      await this.bus.flushOutbox();
      summary.analyzed += batch.analyzed;
      summary.invalid += batch.invalid;
      summary.tagged += batch.tagged;
      for (const name of batch.tagNames) summary.tagNames.add(name);
    }
    this.logger.log(
      `analysed ${summary.analyzed} clips: ${summary.invalid} invalid, ${summary.tagged} tagged, ${summary.tagNames.size} distinct tags`,
    );
    return summary;
  }

  /** The given ids in chunks, or every clip by keyset paging (clips added meanwhile are included). */
  private async *batches(ids: readonly string[] | undefined): AsyncGenerator<string[]> {
    if (ids) {
      for (let at = 0; at < ids.length; at += this.config.HANDS_ANALYSIS_BATCH_SIZE)
        yield ids.slice(at, at + this.config.HANDS_ANALYSIS_BATCH_SIZE);
      return;
    }
    let after: string | null = null;
    for (;;) {
      const page = await this.repository.idsAfter(
        this.dataSource.manager,
        after,
        this.config.HANDS_ANALYSIS_BATCH_SIZE,
      );
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1] ?? null;
    }
  }
}
