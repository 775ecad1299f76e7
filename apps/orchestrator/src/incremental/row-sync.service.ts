import { Injectable, Logger } from '@nestjs/common';
import { EventPayload, EventType } from '@pokervod/contracts';
import { BlockGateway } from '../block-gateway/block-gateway';
import { UnmatchedRowRepository } from './unmatched-row.repository';

type RowChanged = EventPayload<typeof EventType.SHEETS_ROW_CHANGED>;
type RowRemoved = EventPayload<typeof EventType.SHEETS_ROW_REMOVED>;

/** Lets a burst of NAS or catalog events settle before unmatched rows are tried again. */
const RETRY_SETTLE_MS = 1000;
/** Rows tried per pass; a later trigger picks up the rest. */
const RETRY_BATCH = 2000;

/** A clip (with or without an episode), or why the row has none. */
export type RowOutcome = { clip: string; episode: boolean } | { unmatched: string };

/** A sheet row is identified across the system by its sheet and its stable row key. */
export const sourceRowKey = (sheetId: string, rowKey: string) => `${sheetId}:${rowKey}`;

/**
 * Incremental sync (seed §4.2): one changed sheet row becomes one hand clip,
 * through A (`match_file_path`), B (`match_episode`) and C
 * (`create_hand_clip`, idempotent per row). A row that matches no file or
 * no single episode is recorded as unmatched with the reason, not retried.
 */
@Injectable()
export class RowSyncService {
  private readonly logger = new Logger('RowSync');
  private retrying: Promise<void> | null = null;
  private retryAgain = false;

  constructor(
    private readonly blocks: BlockGateway,
    private readonly unmatched: UnmatchedRowRepository,
  ) {}

  async onRowChanged(change: RowChanged, correlationId: string): Promise<RowOutcome> {
    const { row } = change;
    // A row without a folder link may still name a file the NAS knows by its name alone.
    const file = await this.blocks.call('nas.match_file_path', {
      path: row.nas_folder_link || row.file_name,
      file_name: row.file_name,
    });
    if (!file.found) return this.unmatchedRow(change, correlationId, `no file matches: ${file.reason}`);

    const episode = await this.blocks.call('catalog.match_episode', {
      title: row.file_name,
      video_file_id: file.file.id,
    });
    const episodeId = episode.status === 'matched' ? (episode.episode?.id ?? null) : null;

    // The file is known, so the hand is playable: it becomes a clip even without an episode
    // (an Unsorted file, an ambiguous title), and the row stays listed until one is found.
    const clip = await this.blocks.call('hands.create_hand_clip', {
      video_file_id: file.file.id,
      episode_id: episodeId,
      timecode: row.in,
      timecode_end: row.out,
      tags: row.tags,
      source_row_key: sourceRowKey(change.sheet_id, change.row_key),
      source_sheet: change.sheet_id,
      hand_no: row.hand_no,
      players: row.players,
      description: row.description,
      media: file.file.media,
    });
    if (episodeId === null) {
      const why =
        episode.status === 'ambiguous'
          ? `episode is ambiguous between ${episode.candidates.map((c) => `"${c.title}"`).join(', ')}`
          : `no episode matches "${row.file_name}"`;
      await this.unmatchedRow(change, correlationId, `${why} (clip ${clip.id} made without an episode)`);
      return { clip: clip.id, episode: false };
    }
    await this.unmatched.resolve(change.sheet_id, change.row_key);
    return { clip: clip.id, episode: true };
  }

  /**
   * Files or episodes may have appeared (a NAS scan added files, the
   * catalog changed): rows that found none are tried again, soon and once —
   * a request while a pass runs asks for one more pass after it.
   */
  retryUnmatchedSoon(): void {
    if (this.retrying) {
      this.retryAgain = true;
      return;
    }
    this.retrying = (async () => {
      do {
        this.retryAgain = false;
        await new Promise((resolve) => setTimeout(resolve, RETRY_SETTLE_MS));
        await this.retryUnmatched();
      } while (this.retryAgain);
    })()
      .catch((error: Error) => this.logger.warn(`retrying unmatched rows failed: ${error.message}`))
      .finally(() => (this.retrying = null));
  }

  /** One pass over the unmatched rows (oldest first); answers how many became clips. */
  async retryUnmatched(): Promise<number> {
    const rows = await this.unmatched.retryable(RETRY_BATCH);
    let matched = 0;
    for (const { change, correlation_id } of rows) {
      try {
        const outcome = await this.onRowChanged(change, correlation_id);
        if ('clip' in outcome && outcome.episode) matched++;
      } catch (error) {
        this.logger.warn(`row ${change.tab}!${change.row_number} retry failed: ${(error as Error).message}`);
      }
    }
    if (rows.length > 0) this.logger.log(`retried ${rows.length} unmatched rows: ${matched} now fully matched`);
    return matched;
  }

  /** Resolves when no retry pass is running (for tests and shutdown). */
  async retriesIdle(): Promise<void> {
    while (this.retrying) await this.retrying;
  }

  async onRowRemoved(removal: RowRemoved): Promise<void> {
    await this.blocks.call('hands.remove_hand_clip', {
      source_row_key: sourceRowKey(removal.sheet_id, removal.row_key),
    });
    await this.unmatched.resolve(removal.sheet_id, removal.row_key);
  }

  private async unmatchedRow(change: RowChanged, correlationId: string, reason: string): Promise<RowOutcome> {
    await this.unmatched.record(
      {
        sheet_id: change.sheet_id,
        row_key: change.row_key,
        tab: change.tab,
        row_number: change.row_number,
        file_name: change.row.file_name,
        nas_folder_link: change.row.nas_folder_link,
        reason,
        correlation_id: correlationId,
      },
      change,
    );
    this.logger.warn(`row ${change.tab}!${change.row_number} (${change.row_key}) unmatched: ${reason}`);
    return { unmatched: reason };
  }
}
