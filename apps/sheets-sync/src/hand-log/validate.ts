import type { SheetRow } from '@pokervod/contracts';
import { FrameRate, Timecode, formatTimecode, parseTimecode } from '@pokervod/timecode';

export type RowCheck =
  { ok: true; inFrame: number; outFrame: number; inPoint: Timecode } | { ok: false; reason: string };

/** High-frame-rate video (50, 59.94, 60 fps) has SMPTE frame fields up to 59. */
export const HIGH_FRAME_RATE: FrameRate = { num: 60000, den: 1001 };

/**
 * The checks at the sheet's edge: a file name, an in and an out that read as
 * timecodes, out after in. Labels are read at the first of `rates` at which
 * both in and out read (the configured rate, then 59.94 for a frame field
 * only high-frame-rate video has); the rate only turns labels into frames
 * for the comparison; checking against the video itself is block C's job.
 */
export function checkRow(row: SheetRow, rates: readonly FrameRate[]): RowCheck {
  let result: RowCheck = { ok: false, reason: 'no frame rate to read timecodes at' };
  for (const rate of rates) {
    const problems: string[] = [];
    if (!row.file_name) problems.push('missing file name');
    const inPoint = timecode('in', row.in, rate, problems);
    const outPoint = timecode('out', row.out, rate, problems);
    if (inPoint !== null && outPoint !== null && outPoint.frame <= inPoint.frame) {
      problems.push(`out (${row.out}) is not after in (${row.in})`);
    }
    if (problems.length === 0 && inPoint !== null && outPoint !== null) {
      return { ok: true, inFrame: inPoint.frame, outFrame: outPoint.frame, inPoint };
    }
    result = { ok: false, reason: problems.join('; ') };
    if (inPoint !== null && outPoint !== null) return result; // read fine here: another rate would not help
  }
  return result;
}

function timecode(name: 'in' | 'out', text: string, rate: FrameRate, problems: string[]): Timecode | null {
  if (!text) {
    problems.push(`missing ${name}`);
    return null;
  }
  const parsed = parseTimecode(text, rate);
  if (!parsed.ok) {
    problems.push(`unparseable ${name} "${text}": ${parsed.error}`);
    return null;
  }
  return parsed.timecode;
}

const MILLISECONDS: FrameRate = { num: 1000, den: 1 };

/**
 * The in-point as it goes into a row key, the same however it was typed
 * within its kind: a clock time (`754`, `0:12:34`, `00:12:34.000`) to the
 * millisecond, a SMPTE label (`0:12:34:5`) as a padded label. Clock times are
 * not rounded to frames, so the key does not depend on the frame rate.
 */
export function keyTimecode(inPoint: Timecode): string {
  if (inPoint.format === 'smpte' || inPoint.format === 'smpte-df') {
    return formatTimecode(inPoint.frame, inPoint.rate, inPoint.format);
  }
  const exact = parseTimecode(inPoint.text, MILLISECONDS);
  return exact.ok ? formatTimecode(exact.timecode.frame, MILLISECONDS, 'hh:mm:ss.mmm') : inPoint.text;
}
