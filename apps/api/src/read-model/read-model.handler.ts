import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { EventType, VideoFile } from '@pokervod/contracts';
import { EventOf, HandlerContext } from '@pokervod/messaging';
import { DocumentsRepository, DocumentScope } from './documents.repository';
import { ProjectionRepository } from './projection.repository';
import { ReadModelRefresher } from './refresher.service';
import { RefreshKind, RefreshQueueRepository } from './refresh-queue.repository';
import { ReadModelStatus } from './read-model-status';
import { SyncHistoryRepository } from './sync-history.repository';
import { TableSet, writeTargets } from './tables';

/**
 * Block E's read model, fed by events. Events that carry the facts (NAS
 * files, row outcomes, sheet results, clip removals) are applied at once, to
 * the live tables and, while a reindex builds, to its shadow tables too.
 * Events that only name a change (a clip created or tagged, the catalog
 * updated) queue a refresh that asks the block (`ReadModelRefresher`).
 */
@Controller()
export class ReadModelHandler {
  constructor(
    private readonly queue: RefreshQueueRepository,
    private readonly documents: DocumentsRepository,
    private readonly projection: ProjectionRepository,
    private readonly history: SyncHistoryRepository,
    private readonly status: ReadModelStatus,
    private readonly refresher: ReadModelRefresher,
  ) {}

  @EventPattern(EventType.SYNC_ALL_COMPLETED, { batch: true })
  async onSyncCompleted(
    @Payload() event: EventOf<typeof EventType.SYNC_ALL_COMPLETED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.history.record(ctx.db(), event.payload.run_id, event.payload.status);
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'E', status: 'completed' });
    this.status.eventApplied(event);
  }

  @EventPattern([EventType.NAS_FILE_ADDED, EventType.NAS_FILE_CHANGED, EventType.NAS_FILE_MOVED], { batch: true })
  async onFile(
    @Payload()
    event: EventOf<
      typeof EventType.NAS_FILE_ADDED | typeof EventType.NAS_FILE_CHANGED | typeof EventType.NAS_FILE_MOVED
    >,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const file: VideoFile = event.payload.file;
    await this.apply(ctx.db(), async (m, ts) => ({
      files: await this.projection.upsertFiles(m, ts, [
        { file, status: 'present', missing_since: null, version: event.timestamp },
      ]),
    }));
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.NAS_FILE_REMOVED, { batch: true })
  async onFileRemoved(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_REMOVED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.apply(ctx.db(), async (m, ts) => ({
      files: await this.projection.markFileMissing(m, ts, event.payload, event.timestamp),
    }));
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.NAS_FILE_PROBED, { batch: true })
  async onFileProbed(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_PROBED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { file_id, media } = event.payload;
    // A failed probe (media null) leaves what was known.
    if (media !== null)
      await this.apply(ctx.db(), async (m, ts) => ({
        files: await this.projection.setFileMedia(m, ts, file_id, media, event.timestamp),
      }));
    this.status.eventApplied(event);
  }

  @EventPattern([EventType.CATALOG_UPDATED, EventType.PROJECT_CREATED, EventType.EPISODE_CREATED], { batch: true })
  async onCatalogChanged(
    @Payload()
    event: EventOf<
      typeof EventType.CATALOG_UPDATED | typeof EventType.PROJECT_CREATED | typeof EventType.EPISODE_CREATED
    >,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.enqueue(ctx.db(), 'catalog', ['*']);
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.HAND_CLIP_CREATED, { batch: true })
  async onClip(
    @Payload() event: EventOf<typeof EventType.HAND_CLIP_CREATED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.enqueue(ctx.db(), 'clip', [event.payload.clip_id]);
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.HAND_CLIP_TAGGED, { batch: true })
  async onClipTagged(
    @Payload() event: EventOf<typeof EventType.HAND_CLIP_TAGGED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    // Without a clip id it reports an analysis over many clips.
    const { clip_id } = event.payload;
    if (clip_id) await this.enqueue(ctx.db(), 'clip', [clip_id]);
    else await this.enqueue(ctx.db(), 'clips', ['*']);
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.HAND_ANALYSIS_COMPLETED, { batch: true })
  async onAnalysisCompleted(
    @Payload() event: EventOf<typeof EventType.HAND_ANALYSIS_COMPLETED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    // An analysis changes tags without an event per clip.
    await this.enqueue(ctx.db(), 'clips', ['*']);
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.HAND_CLIP_REMOVED, { batch: true })
  async onClipRemoved(
    @Payload() event: EventOf<typeof EventType.HAND_CLIP_REMOVED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const ids = [event.payload.clip_id];
    let first = true;
    await this.apply(ctx.db(), async (m, ts) => {
      const removed = await this.projection.deleteClips(m, ts, ids, first);
      first = false;
      return { clips: [...removed, ...ids] };
    });
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.ROW_OUTCOME, { batch: true })
  async onRowOutcome(
    @Payload() event: EventOf<typeof EventType.ROW_OUTCOME>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.apply(ctx.db(), async (m, ts) => {
      await this.projection.upsertRows(m, ts, [event.payload]);
      return {};
    });
    this.status.eventApplied(event);
  }

  @EventPattern(EventType.SHEETS_SYNC_COMPLETED, { batch: true })
  async onSheetsSynced(
    @Payload() event: EventOf<typeof EventType.SHEETS_SYNC_COMPLETED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.apply(ctx.db(), async (m, ts) => {
      for (const result of event.payload.results) await this.projection.applySyncResult(m, ts, result, event.timestamp);
      return {};
    });
    this.status.eventApplied(event);
  }

  /** Runs a write on every table set it must go to, then rebuilds the documents it touched. */
  private async apply(m: EntityManager, write: (m: EntityManager, ts: TableSet) => Promise<DocumentScope>) {
    for (const ts of await writeTargets(m)) {
      const scope = await write(m, ts);
      await this.documents.refresh(m, ts, scope);
    }
  }

  private async enqueue(m: EntityManager, kind: RefreshKind, refs: string[]): Promise<void> {
    await this.queue.enqueue(m, kind, refs);
    // The NOTIFY wakes the refresher on commit; this covers a listener that is reconnecting.
    setTimeout(() => this.refresher.kick(), 50).unref();
  }
}
