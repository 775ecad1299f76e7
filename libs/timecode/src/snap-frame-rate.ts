import {
  FRAME_RATE_23_976,
  FRAME_RATE_24,
  FRAME_RATE_25,
  FRAME_RATE_29_97,
  FRAME_RATE_30,
  FRAME_RATE_50,
  FRAME_RATE_59_94,
  FRAME_RATE_60,
  FrameRate,
  checkedFrameRate,
  parseFrameRate,
} from './frame-rate';

export const FRAME_RATE_47_952: FrameRate = { num: 48000, den: 1001 };
export const FRAME_RATE_48: FrameRate = { num: 48, den: 1 };

/** The broadcast and cinema rates a probed rate is snapped to. */
export const STANDARD_FRAME_RATES: readonly FrameRate[] = [
  FRAME_RATE_23_976,
  FRAME_RATE_24,
  FRAME_RATE_25,
  FRAME_RATE_29_97,
  FRAME_RATE_30,
  FRAME_RATE_47_952,
  FRAME_RATE_48,
  FRAME_RATE_50,
  FRAME_RATE_59_94,
  FRAME_RATE_60,
];

/**
 * How far (relative) a probed rate may sit from a standard rate and still be it: 0.04 %, i.e. 0.024 fps
 * at 59.94, 0.012 fps at 29.97.
 * - Wide enough for what containers report: Matroska keeps frame durations in ns and timestamps in ms,
 *   so ffprobe's fraction is a short approximation (59.94 → 19001/317, off by 5e-8), and an average over
 *   ms timestamps is off by at most 1 ms per span measured (under 0.04 % from 2.5 s on); a rate written
 *   as a 2-decimal number (29.97 = 2997/100, 23.98) is off by under 0.02 %.
 * - Narrow enough never to be ambiguous: the closest two standard rates are an NTSC rate and its integer
 *   neighbour (29.97 and 30), 1/1001 ≈ 0.1 % apart, so windows of ±0.04 % are disjoint with a gap between
 *   them, and a rate halfway (29.985) is left as it is rather than guessed.
 */
export const FRAME_RATE_SNAP_TOLERANCE = 0.0004;

function readRate(raw: string | number | FrameRate): FrameRate | null {
  try {
    return typeof raw === 'object' && raw !== null ? checkedFrameRate(raw) : parseFrameRate(raw);
  } catch {
    return null;
  }
}

/**
 * A probed rate as the exact standard fraction it is near (`19001/317` → 60000/1001, `2997/100` →
 * 30000/1001), else the rate itself, reduced (`12/1`, `15/1` stay). Null for what is no rate at all
 * (`0/0`, `N/A`, junk). Pure; snapping a snapped rate changes nothing.
 */
export function snapFrameRate(raw: string | number | FrameRate): FrameRate | null {
  const rate = readRate(raw);
  if (rate === null) return null;
  const fps = rate.num / rate.den;
  for (const standard of STANDARD_FRAME_RATES) {
    const target = standard.num / standard.den;
    if (Math.abs(fps - target) <= FRAME_RATE_SNAP_TOLERANCE * target) return { ...standard };
  }
  return rate;
}
