import { FrameRate, formatFrameRate, formatTimecode, framesToSeconds, supportsDropFrame } from '@pokervod/timecode';
import type { HandClip, TagSource } from './hand-clip';
import type { ClipTagRow } from './hand-clip.repository';

export interface TimecodeView {
  /** As written in the sheet or by the editor. */
  text: string;
  frame: number | null;
  seconds: number | null;
  /** `HH:MM:SS:FF` (`;FF` when drop-frame) at the clip's frame rate. */
  smpte: string | null;
}

export interface ClipTagView {
  name: string;
  category: string | null;
  sources: TagSource[];
}

export interface ClipView {
  id: string;
  video_file_id: string | null;
  episode_id: string | null;
  hand_no: string | null;
  players: string | null;
  description: string | null;
  in: TimecodeView;
  out: TimecodeView;
  frame_rate: string;
  drop_frame: boolean;
  duration_s: number | null;
  video_duration_s: number | null;
  source: { sheet: string | null; row_key: string } | null;
  status: HandClip['status'];
  reasons: string[];
  tags: ClipTagView[];
  created_at: string;
  updated_at: string;
}

/** A clip as the HTTP API shows it. */
export function toClipView(clip: HandClip, tagRows: readonly ClipTagRow[]): ClipView {
  const rate: FrameRate = { num: clip.rate_num, den: clip.rate_den };
  const dropFrame = clip.drop_frame && supportsDropFrame(rate);
  const timecode = (text: string, frame: number | null): TimecodeView => ({
    text,
    frame,
    seconds: frame === null ? null : framesToSeconds(frame, rate),
    smpte: frame === null || frame < 0 ? null : formatTimecode(frame, rate, dropFrame ? 'smpte-df' : 'smpte'),
  });
  return {
    id: clip.id,
    video_file_id: clip.video_file_id,
    episode_id: clip.episode_id,
    hand_no: clip.hand_no,
    players: clip.players,
    description: clip.description,
    in: timecode(clip.in_text, clip.in_frame),
    out: timecode(clip.out_text, clip.out_frame),
    frame_rate: formatFrameRate(rate),
    drop_frame: clip.drop_frame,
    duration_s: clip.duration_s,
    video_duration_s: clip.video_duration_s,
    source: clip.source_row_key ? { sheet: clip.source_sheet, row_key: clip.source_row_key } : null,
    status: clip.status,
    reasons: clip.reasons,
    tags: tagViews(tagRows),
    created_at: new Date(clip.created_at).toISOString(),
    updated_at: new Date(clip.updated_at).toISOString(),
  };
}

/** One entry per tag, with every source that gave it. */
export function tagViews(rows: readonly ClipTagRow[]): ClipTagView[] {
  const byName = new Map<string, ClipTagView>();
  for (const row of rows) {
    const view = byName.get(row.tag) ?? { name: row.tag, category: row.category, sources: [] };
    if (!view.sources.includes(row.source)) view.sources.push(row.source);
    byName.set(row.tag, view);
  }
  return [...byName.values()];
}
