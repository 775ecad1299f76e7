import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FrameRate } from '@pokervod/timecode';
import { snappedRate, type VideoFacts } from '../clips/clip-validation';

interface VideoRow {
  video_file_id: string;
  duration_s: number | null;
  rate_num: number | null;
  rate_den: number | null;
}

const toFacts = (row: VideoRow): VideoFacts => ({
  durationS: row.duration_s,
  rate: row.rate_num && row.rate_den ? snappedRate({ num: row.rate_num, den: row.rate_den }) : null,
});

/** `hands.videos`: what the NAS block told about each video's length and frame rate. */
@Injectable()
export class VideoRepository {
  /** Records what a probe found; fields it did not find keep what was known. */
  async record(
    m: EntityManager,
    videoFileId: string,
    facts: { durationS: number | null; rate: FrameRate | null; probeError: string | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO hands.videos (video_file_id, duration_s, rate_num, rate_den, probe_error)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (video_file_id) DO UPDATE SET
         duration_s = COALESCE(EXCLUDED.duration_s, hands.videos.duration_s),
         rate_num = COALESCE(EXCLUDED.rate_num, hands.videos.rate_num),
         rate_den = COALESCE(EXCLUDED.rate_den, hands.videos.rate_den),
         probe_error = EXCLUDED.probe_error,
         updated_at = now()`,
      [videoFileId, facts.durationS, facts.rate?.num ?? null, facts.rate?.den ?? null, facts.probeError],
    );
  }

  async find(m: EntityManager, videoFileId: string | null): Promise<VideoFacts | null> {
    if (!videoFileId) return null;
    return (await this.findMany(m, [videoFileId])).get(videoFileId) ?? null;
  }

  async findMany(m: EntityManager, videoFileIds: readonly string[]): Promise<Map<string, VideoFacts>> {
    if (videoFileIds.length === 0) return new Map();
    const rows: VideoRow[] = await m.query(
      `SELECT video_file_id, duration_s, rate_num, rate_den FROM hands.videos WHERE video_file_id = ANY($1::text[])`,
      [[...new Set(videoFileIds)]],
    );
    return new Map(rows.map((row) => [row.video_file_id, toFacts(row)]));
  }
}
