import type { z } from 'zod';
import { FrameRate, formatFrameRate, formatTimecode, framesToSeconds, supportsDropFrame } from '@pokervod/timecode';
import type { ClipSchema, FileSchema, RowItemSchema, SeasonRefSchema, EventRefSchema } from '@pokervod/api-shapes';
import { contentTypeOf } from './content-type';

export type ClipView = z.infer<typeof ClipSchema>;
export type FileView = z.infer<typeof FileSchema>;
export type RowItem = z.infer<typeof RowItemSchema>;

/** A clip row joined with what the views show (see BrowseRepository.CLIP_SELECT). */
export interface ClipRow {
  id: string;
  video_file_id: string | null;
  source_sheet: string | null;
  source_row_key: string | null;
  hand_no: string | null;
  players_text: string | null;
  players: string[];
  description: string | null;
  in_text: string;
  out_text: string;
  in_frame: string | number | null;
  out_frame: string | number | null;
  rate_num: number;
  rate_den: number;
  drop_frame: boolean;
  duration_s: number | null;
  status: 'valid' | 'invalid';
  reasons: string[];
  tags: { name: string; category: string | null }[];
  version: Date | string;
  created_key: string;
  project_code: string | null;
  year: number | null;
  episode_id: string | null;
  episode_title: string | null;
  file_name: string | null;
  root: string | null;
  path: string | null;
  file_duration_s: number | null;
  row_sheet_id: string | null;
  row_tab: string | null;
  row_number: number | null;
}

export interface FileRow {
  id: string;
  root: string;
  path: string;
  file_name: string;
  size: string | number;
  mtime: Date | null;
  status: 'present' | 'missing';
  parsed: Record<string, unknown> | null;
  media: { duration_s: number | null; frame_rate: string | null; fps: number | null } | null;
  role: string | null;
  project_code: string | null;
  episode_id: string | null;
  episode_title: string | null;
  clips: number;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function clipRate(row: Pick<ClipRow, 'rate_num' | 'rate_den'>): FrameRate {
  return { num: row.rate_num, den: row.rate_den };
}

/** A clip's in and out as frames, seconds and SMPTE (drop-frame `;` where the rate and the clip say so). */
export function clipTimecodes(
  row: Pick<ClipRow, 'rate_num' | 'rate_den' | 'drop_frame' | 'in_text' | 'out_text' | 'in_frame' | 'out_frame'>,
) {
  const rate = clipRate(row);
  const dropFrame = row.drop_frame && supportsDropFrame(rate);
  const timecode = (text: string, frame: number | null) => ({
    frame,
    seconds: frame === null ? null : framesToSeconds(frame, rate),
    smpte: frame === null || frame < 0 ? null : formatTimecode(frame, rate, dropFrame ? 'smpte-df' : 'smpte'),
    text,
  });
  return {
    rate,
    dropFrame,
    in: timecode(row.in_text, num(row.in_frame)),
    out: timecode(row.out_text, num(row.out_frame)),
  };
}

/** A clip with in/out as frames, seconds and SMPTE (drop-frame `;` where the rate and the clip say so). */
export function toClipView(row: ClipRow): ClipView {
  const { rate, dropFrame, in: inTc, out: outTc } = clipTimecodes(row);
  return {
    id: row.id,
    status: row.status,
    reasons: row.reasons,
    hand_no: row.hand_no,
    players: row.players,
    players_text: row.players_text,
    description: row.description,
    tags: row.tags.map(({ name, category }) => ({ name, category: category ?? null })),
    in: inTc,
    out: outTc,
    frame_rate: formatFrameRate(rate),
    drop_frame: dropFrame,
    duration_s: row.duration_s,
    file:
      row.video_file_id && row.file_name !== null
        ? { id: row.video_file_id, file_name: row.file_name, root: row.root ?? '', path: row.path ?? '' }
        : null,
    episode: row.episode_id && row.episode_title !== null ? { id: row.episode_id, title: row.episode_title } : null,
    project_code: row.project_code,
    year: row.year,
    source: row.source_row_key
      ? {
          sheet_id: row.row_sheet_id ?? row.source_sheet,
          row_key: row.source_row_key,
          tab: row.row_tab,
          row_number: row.row_number,
        }
      : null,
    stream_url: row.video_file_id && row.in_frame !== null ? `/api/clips/${row.id}/stream` : null,
    updated_at: iso(row.version) ?? '',
  };
}

export function toFileView(row: FileRow): FileView {
  return {
    id: row.id,
    root: row.root,
    path: row.path,
    file_name: row.file_name,
    size: Number(row.size),
    mtime: iso(row.mtime),
    status: row.status,
    role: row.role,
    content_type: contentTypeOf(row.file_name),
    project_code: row.project_code,
    episode: row.episode_id && row.episode_title !== null ? { id: row.episode_id, title: row.episode_title } : null,
    media: row.media
      ? {
          duration_s: row.media.duration_s ?? null,
          frame_rate: row.media.frame_rate ?? null,
          fps: row.media.fps ?? null,
        }
      : null,
    parsed: row.parsed,
    clips: Number(row.clips),
    stream_url: `/api/files/${row.id}/stream`,
  };
}

export function seasonLabel(year: number | null, number: number | null): string {
  if (year !== null) return String(year);
  if (number !== null) return `Season ${number}`;
  return 'Undated';
}

export function seasonRef(row: {
  id: string;
  year: number | null;
  number: number | null;
}): z.infer<typeof SeasonRefSchema> {
  return { id: row.id, year: row.year, number: row.number, label: seasonLabel(row.year, row.number) };
}

export function eventRef(row: {
  id: string;
  number: number | null;
  name: string | null;
}): z.infer<typeof EventRefSchema> {
  const label = [row.number !== null ? `#${row.number}` : null, row.name].filter(Boolean).join(' ') || 'Event';
  return { id: row.id, number: row.number, name: row.name, label };
}
