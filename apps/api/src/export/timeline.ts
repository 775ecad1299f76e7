import {
  FrameRate,
  formatFrameRate,
  formatTimecode,
  frameRateToNumber,
  parseTimecode,
  supportsDropFrame,
} from '@pokervod/timecode';

/** A clip as exports see it (from the read model). */
export interface ExportClip {
  id: string;
  status: 'valid' | 'invalid';
  reasons: string[];
  hand_no: string | null;
  players: string | null;
  description: string | null;
  tags: string[];
  in_frame: number | null;
  out_frame: number | null;
  rate: FrameRate;
  drop_frame: boolean;
  duration_s: number | null;
  project_code: string | null;
  episode_title: string | null;
  file: { id: string; file_name: string; root: string; path: string; url: string; duration_s: number | null } | null;
}

/** The edit everything is laid on: one rate, drop-frame or not, starting at 01:00:00:00. */
export interface Timeline {
  rate: FrameRate;
  dropFrame: boolean;
}

/** A clip placed on the timeline: source in/out at the timeline rate, record in/out end to end. */
export interface PlacedClip {
  clip: ExportClip;
  sourceIn: number;
  sourceOut: number;
  recordIn: number;
  recordOut: number;
}

export function sameRate(a: FrameRate, b: FrameRate): boolean {
  return a.num * b.den === b.num * a.den;
}

/**
 * A frame at one rate as the nearest frame at another, through exact time
 * (integer arithmetic: frame × den₁ × num₂ / (num₁ × den₂), half up).
 */
export function convertFrame(frame: number, from: FrameRate, to: FrameRate): number {
  if (sameRate(from, to)) return frame;
  const numerator = BigInt(frame) * BigInt(from.den) * BigInt(to.num);
  const denominator = BigInt(from.num) * BigInt(to.den);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The timeline's timecode label of a frame: `HH:MM:SS:FF`, drop-frame `HH:MM:SS;FF`. */
export function label(frame: number, timeline: Timeline): string {
  return formatTimecode(frame, timeline.rate, timeline.dropFrame ? 'smpte-df' : 'smpte');
}

/** Frame number of the record start label 01:00:00:00 on this timeline. */
export function recordStart(timeline: Timeline): number {
  const parsed = parseTimecode(timeline.dropFrame ? '01:00:00;00' : '01:00:00:00', timeline.rate);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.timecode.frame;
}

/** The timeline for these clips: the rate asked for, else the first playable clip's; drop-frame where it applies. */
export function timelineFor(clips: readonly ExportClip[], rate: FrameRate | null, dropFrame: boolean | null): Timeline {
  const chosen = rate ?? clips.find(playable)?.rate ?? { num: 30000, den: 1001 };
  return { rate: chosen, dropFrame: supportsDropFrame(chosen) && (dropFrame ?? true) };
}

/** A clip with a file and both points can be cut into an edit. */
export function playable(clip: ExportClip): boolean {
  return clip.file !== null && clip.in_frame !== null && clip.out_frame !== null && clip.out_frame > clip.in_frame;
}

/** The playable clips laid end to end from 01:00:00:00. */
export function place(clips: readonly ExportClip[], timeline: Timeline): PlacedClip[] {
  let record = recordStart(timeline);
  return clips.filter(playable).map((clip) => {
    const sourceIn = convertFrame(clip.in_frame as number, clip.rate, timeline.rate);
    const sourceOut = Math.max(sourceIn + 1, convertFrame(clip.out_frame as number, clip.rate, timeline.rate));
    const placed = { clip, sourceIn, sourceOut, recordIn: record, recordOut: record + (sourceOut - sourceIn) };
    record = placed.recordOut;
    return placed;
  });
}

/** "29.97", "25", "59.94". */
export function rateLabel(rate: FrameRate): string {
  return `${Number(frameRateToNumber(rate).toFixed(3))}`;
}

export { formatFrameRate };

/** What an edit calls a clip: "Hand 12 · Phil Ivey vs Tom Dwan", else its description, else its file. */
export function clipName(clip: ExportClip): string {
  const parts = [clip.hand_no ? `Hand ${clip.hand_no}` : null, clip.players].filter(Boolean);
  return (parts.join(' · ') || clip.description || clip.file?.file_name || clip.id).slice(0, 200);
}
