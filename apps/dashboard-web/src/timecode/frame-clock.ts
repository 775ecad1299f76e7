import { FrameRate, formatTimecode, parseFrameRate, supportsDropFrame } from '@pokervod/timecode';

/**
 * The player's frame arithmetic, on the file's exact rate (30000/1001, not 29.97).
 * A `<video>`'s currentTime is wall-clock seconds; frame N starts at N × den/num.
 */
export interface FrameClock {
  rate: FrameRate;
  /** SMPTE labels in drop-frame (;) — only at 29.97 and 59.94, where the clip says so. */
  dropFrame: boolean;
  fps: number;
}

export function frameClock(rateText: string | null | undefined, dropFrame = true): FrameClock | null {
  if (!rateText) return null;
  try {
    const rate = parseFrameRate(rateText);
    return { rate, dropFrame: dropFrame && supportsDropFrame(rate), fps: rate.num / rate.den };
  } catch {
    return null;
  }
}

/** Float noise from currentTime must not put a frame's start in the previous frame. */
const FRAME_EPSILON = 1e-3;

/** The frame showing at `seconds`. */
export function frameAt(clock: FrameClock, seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.floor((seconds * clock.rate.num) / clock.rate.den + FRAME_EPSILON);
}

/** Exact start of `frame` in seconds. */
export function startOf(clock: FrameClock, frame: number): number {
  return (Math.max(0, frame) * clock.rate.den) / clock.rate.num;
}

/**
 * Where to seek to show `frame`: a hair after its start (0.1 ms, far below a
 * frame at any rate up to 1000 fps), so rounding in the decoder's timestamp
 * maths never lands on the frame before.
 */
export function seekTimeOf(clock: FrameClock, frame: number): number {
  return frame <= 0 ? 0 : startOf(clock, frame) + 1e-4;
}

export function smpteOf(clock: FrameClock, frame: number): string {
  return formatTimecode(Math.max(0, Math.floor(frame)), clock.rate, clock.dropFrame ? 'smpte-df' : 'smpte');
}

/** "29.97 fps DF", "25 fps" */
export function rateLabel(clock: FrameClock): string {
  const fps = Math.round(clock.fps * 1000) / 1000;
  return `${fps} fps${clock.dropFrame ? ' DF' : ''}`;
}
