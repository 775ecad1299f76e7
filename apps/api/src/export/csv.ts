import { FrameRate, formatFrameRate, formatTimecode, framesToSeconds, supportsDropFrame } from '@pokervod/timecode';
import type { ExportClip } from './timeline';

const COLUMNS = [
  'clip_id',
  'project',
  'episode',
  'file_name',
  'path',
  'in_smpte',
  'out_smpte',
  'in_frame',
  'out_frame',
  'in_seconds',
  'out_seconds',
  'frame_rate',
  'duration_s',
  'hand_no',
  'players',
  'description',
  'tags',
  'status',
  'reasons',
] as const;

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR first) gets a leading `'`, so it shows as text (OWASP CSV injection).
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return quote(safeText(value));
}

function timecode(frame: number | null, rate: FrameRate, dropFrame: boolean): string | null {
  return frame === null || frame < 0 ? null : formatTimecode(frame, rate, dropFrame ? 'smpte-df' : 'smpte');
}

/** RFC 4180 CSV (UTF-8 with BOM, CRLF), one row per clip at its own rate. */
export function toCsv(clips: readonly ExportClip[]): string {
  const rows = clips.map((c) => {
    const df = c.drop_frame && supportsDropFrame(c.rate);
    return [
      c.id,
      c.project_code,
      c.episode_title,
      c.file?.file_name ?? null,
      c.file ? `${c.file.root}/${c.file.path}` : null,
      timecode(c.in_frame, c.rate, df),
      timecode(c.out_frame, c.rate, df),
      c.in_frame,
      c.out_frame,
      c.in_frame === null ? null : framesToSeconds(c.in_frame, c.rate),
      c.out_frame === null ? null : framesToSeconds(c.out_frame, c.rate),
      formatFrameRate(c.rate),
      c.duration_s,
      c.hand_no,
      c.players,
      c.description,
      c.tags.join(', '),
      c.status,
      c.reasons.join('; '),
    ].map(cell);
  });
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}
