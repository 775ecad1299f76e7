import { Injectable } from '@nestjs/common';
import type { BlockId, CommandName, CommandRequest, CommandResponse } from '@pokervod/contracts';
import { BlockGateway, isCallerError } from '../block-gateway/block-gateway';
import type { ClaimedRow, SettledFields } from './row-state.repository';

/** A sheet row is identified across the system by its sheet and its stable row key. */
export const sourceRowKey = (sheetId: string, rowKey: string) => `${sheetId}:${rowKey}`;

/** What evaluating a row came to: an answer (final until something changes), or a block that did not answer. */
export type Evaluation = { settled: SettledFields } | { transient: { block: BlockId; error: string } };

/** A block did not answer (timeout, open breaker, handler error): not an answer about the row. */
class BlockUnavailable extends Error {
  constructor(
    readonly block: BlockId,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One row through the blocks (docs/architecture.md#incremental-sync): A
 * `match_file_path` → B `match_episode` → C `create_hand_clip` (idempotent per
 * row key). Only answers settle a row; anything else is reported as transient,
 * so the caller keeps the row pending and tries again.
 */
@Injectable()
export class RowEvaluator {
  constructor(private readonly blocks: BlockGateway) {}

  async evaluate(row: ClaimedRow): Promise<Evaluation> {
    try {
      return { settled: row.removed ? await this.remove(row) : await this.place(row) };
    } catch (error) {
      if (error instanceof BlockUnavailable) return { transient: { block: error.block, error: error.message } };
      if (error instanceof RowRejected)
        return { settled: { ...none('invalid', error.message), reasons: [error.message] } };
      throw error;
    }
  }

  private async place(row: ClaimedRow): Promise<SettledFields> {
    const { row: cells, sheet_id, row_key } = row.change;
    const key = sourceRowKey(sheet_id, row_key);
    // A row without a folder link may still name a file the NAS knows by its name alone.
    const file = await this.ask('nas.match_file_path', {
      path: cells.nas_folder_link || cells.file_name,
      file_name: cells.file_name,
    });
    if (!file.found) {
      // The file it had is gone or no longer what the row says: its clip goes too.
      if (row.clip_id) await this.ask('hands.remove_hand_clip', { source_row_key: key });
      return none('unmatched', `no file matches: ${file.reason}`);
    }

    const episode = await this.ask('catalog.match_episode', { title: cells.file_name, video_file_id: file.file.id });
    const episodeId = episode.status === 'matched' ? (episode.episode?.id ?? null) : null;

    // The file is known, so the hand is playable: it becomes a clip even without an episode.
    const clip = await this.ask('hands.create_hand_clip', {
      video_file_id: file.file.id,
      episode_id: episodeId,
      timecode: cells.in,
      timecode_end: cells.out,
      tags: cells.tags,
      source_row_key: key,
      source_sheet: sheet_id,
      hand_no: cells.hand_no,
      players: cells.players,
      description: cells.description,
      media: file.file.media,
    });
    const noEpisode =
      episodeId !== null
        ? null
        : episode.status === 'ambiguous'
          ? `episode is ambiguous between ${episode.candidates.map((c) => `"${c.title}"`).join(', ')}`
          : `no episode matches "${cells.file_name}"`;
    const reasons = clip.status === 'invalid' ? clip.reasons : [];
    return {
      outcome: clip.status === 'valid' ? 'clip' : 'invalid',
      reason: [...reasons, ...(noEpisode ? [noEpisode] : [])].join('; ') || null,
      reasons,
      clip_id: clip.id,
      video_file_id: file.file.id,
      episode_id: episodeId,
    };
  }

  private async remove(row: ClaimedRow): Promise<SettledFields> {
    await this.ask('hands.remove_hand_clip', { source_row_key: sourceRowKey(row.sheet_id, row.row_key) });
    return none('removed', null);
  }

  /**
   * One command; a request the block refuses as invalid is an answer about
   * the row (it can never succeed as it is), every other failure is the block's.
   */
  private async ask<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    try {
      return await this.blocks.callOnce(command, payload);
    } catch (error) {
      if (isCallerError(error)) throw new RowRejected(`${command} refused the row: ${(error as Error).message}`);
      throw new BlockUnavailable(this.blocks.blockOf(command), `${command}: ${(error as Error).message}`);
    }
  }
}

/** A block refused the row's own content: final, reported as an invalid row without a clip. */
export class RowRejected extends Error {}

function none(outcome: SettledFields['outcome'], reason: string | null): SettledFields {
  return { outcome, reason, reasons: [], clip_id: null, video_file_id: null, episode_id: null };
}
