import { checkedFrameRate, FrameRate, nominalFps, supportsDropFrame, TimecodeError } from './frame-rate';

/**
 * Wall-clock formats (seconds, mm:ss, hh:mm:ss, hh:mm:ss.mmm) are real time: frame = round(seconds × num/den).
 *
 * SMPTE labels instead count frames at the nominal integer rate (30 for 29.97): HH:MM:SS:FF is frame
 * ((HH×3600 + MM×60 + SS)×30 + FF). Real 29.97 video shows only 29.97 of those per second, so a non-drop label
 * runs slow against the clock: 01:00:00:00 at 29.97 NDF is frame 108000 = 3603.6 s, 3.6 s per hour of drift.
 * Drop-frame (SMPTE 12M) fixes that by skipping labels ;00–;01 (;00–;03 at 59.94) at the start of every minute
 * except each tenth, which keeps the label within a few frames of wall clock.
 */
export type TimecodeFormat =
  | 'seconds' // "754", "754.5", "754,5"
  | 'mm:ss' // "12:34", "12:34.5" (minutes may exceed 59: "75:10")
  | 'hh:mm:ss' // "01:02:03", "1:02:03"
  | 'hh:mm:ss.mmm' // "1:02:03.500", "01:02:03,250" (any number of fractional digits; comma accepted)
  | 'smpte' // "01:02:03:04" non-drop-frame label
  | 'smpte-df'; // "01:02:03;04" or "01;02;03;04" drop-frame label (a dot before FF means milliseconds instead)

export interface Timecode {
  /** Frame number from 0 at the rate below (wall-clock formats are rounded to the nearest frame). */
  frame: number;
  rate: FrameRate;
  dropFrame: boolean;
  format: TimecodeFormat;
  /** The original text, trimmed. */
  text: string;
}

export type TimecodeResult = { ok: true; timecode: Timecode } | { ok: false; error: string };

/** Longer input is garbage, and refusing it keeps the BigInt maths below cheap. */
const MAX_TEXT_LENGTH = 64;

// Tried in this order; the first match decides the format. Colon fields other than hours are exactly 2 digits.
const GRAMMAR: ReadonlyArray<{ format: TimecodeFormat; pattern: RegExp }> = [
  { format: 'smpte-df', pattern: /^(\d+)[:;](\d{2})[:;](\d{2});(\d{2,3})$/ },
  { format: 'smpte', pattern: /^(\d+):(\d{2}):(\d{2}):(\d{2,3})$/ },
  { format: 'hh:mm:ss.mmm', pattern: /^(\d+):(\d{2}):(\d{2})[.,](\d+)$/ },
  { format: 'hh:mm:ss', pattern: /^(\d+):(\d{2}):(\d{2})$/ },
  { format: 'mm:ss', pattern: /^(\d+):(\d{2})(?:[.,](\d+))?$/ },
  { format: 'seconds', pattern: /^(\d+)(?:[.,](\d+))?$/ },
];

/** Exact integer division for non-negative safe integers (no float quotient to floor). */
function div(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/** round(a × b / c), half up, exact for any non-negative integers. */
function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
  return (2n * a * b + c) / (2n * c);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

interface Label {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
}

/** Labels skipped at the start of each dropping minute: 2 at 29.97, 4 at 59.94. */
function droppedPerMinute(nominal: number): number {
  return nominal / 15;
}

function labelToFrame({ hours, minutes, seconds, frames }: Label, nominal: number, dropFrame: boolean): number {
  const count = ((hours * 60 + minutes) * 60 + seconds) * nominal + frames;
  if (!dropFrame) return count;
  const totalMinutes = hours * 60 + minutes;
  return count - droppedPerMinute(nominal) * (totalMinutes - div(totalMinutes, 10));
}

function frameToLabel(frame: number, nominal: number, dropFrame: boolean): Label {
  let count = frame;
  if (dropFrame) {
    // Add back the labels skipped so far, then split the count at the nominal rate.
    const drop = droppedPerMinute(nominal);
    const perTenMinutes = nominal * 600 - 9 * drop;
    const perDroppingMinute = nominal * 60 - drop;
    const rest = frame % perTenMinutes;
    const droppingMinutesInTen = rest < drop ? 0 : div(rest - drop, perDroppingMinute);
    count += drop * (9 * div(frame, perTenMinutes) + droppingMinutesInTen);
  }
  return {
    hours: div(count, nominal * 3600),
    minutes: div(count, nominal * 60) % 60,
    seconds: div(count, nominal) % 60,
    frames: count % nominal,
  };
}

function checkRange(name: string, value: number, limit: number, text: string): void {
  if (value >= limit) {
    throw new TimecodeError(`${name} field ${value} is out of range (00–${pad(limit - 1)}) in "${text}"`);
  }
}

function parseOrThrow(input: string, rawRate: FrameRate): Timecode {
  if (typeof input !== 'string') throw new TimecodeError(`timecode must be a string, got ${typeof input}`);
  const rate = checkedFrameRate(rawRate);
  const text = input.trim();
  // NFKC turns full-width digits and punctuation (１２：３４；０５) into ASCII.
  const normalized = text.normalize('NFKC').trim();
  if (normalized === '') throw new TimecodeError('empty timecode');
  if (normalized.length > MAX_TEXT_LENGTH) throw new TimecodeError(`timecode "${text.slice(0, 20)}…" is too long`);
  if (/^[-−]/.test(normalized)) throw new TimecodeError(`negative timecode "${text}" is not allowed`);

  const matched = GRAMMAR.map(({ format, pattern }) => ({ format, fields: pattern.exec(normalized) })).find(
    ({ fields }) => fields !== null,
  );
  if (!matched?.fields) {
    throw new TimecodeError(
      `unrecognized timecode "${text}": expected seconds (754.5), mm:ss, hh:mm:ss[.mmm], hh:mm:ss:ff or hh:mm:ss;ff`,
    );
  }
  const { format } = matched;
  const fields = matched.fields.slice(1);
  const frame =
    format === 'smpte' || format === 'smpte-df'
      ? smpteFrame(fields, rate, format === 'smpte-df', text)
      : wallClockFrame(format, fields, rate, text);
  if (!Number.isSafeInteger(frame)) throw new TimecodeError(`timecode "${text}" is too large`);
  return { frame, rate, dropFrame: format === 'smpte-df', format, text };
}

function smpteFrame(fields: string[], rate: FrameRate, dropFrame: boolean, text: string): number {
  const [hours, minutes, seconds, frames] = fields.map(Number);
  const nominal = nominalFps(rate);
  const rateName = `${rate.num}/${rate.den}`;
  if (dropFrame && !supportsDropFrame(rate)) {
    throw new TimecodeError(
      `drop-frame timecode "${text}" needs 29.97 (30000/1001) or 59.94 (60000/1001) fps; ${rateName} has no drop-frame counting`,
    );
  }
  checkRange('minutes', minutes, 60, text);
  checkRange('seconds', seconds, 60, text);
  if (frames >= nominal) {
    throw new TimecodeError(
      `frames field ${frames} is out of range (00–${pad(nominal - 1)} at ${rateName}) in "${text}"`,
    );
  }
  const drop = droppedPerMinute(nominal);
  if (dropFrame && seconds === 0 && minutes % 10 !== 0 && frames < drop) {
    throw new TimecodeError(
      `drop-frame label "${text}" does not exist at ${rateName}: ;00–;${pad(drop - 1)} are skipped at the start of every minute not divisible by 10`,
    );
  }
  return labelToFrame({ hours, minutes, seconds, frames }, nominal, dropFrame);
}

function wallClockFrame(format: TimecodeFormat, fields: string[], rate: FrameRate, text: string): number {
  let whole: number; // seconds before the decimal separator
  let fraction: string | undefined;
  if (format === 'seconds') {
    [whole, fraction] = [Number(fields[0]), fields[1]];
  } else if (format === 'mm:ss') {
    const [minutes, seconds] = fields.map(Number);
    checkRange('seconds', seconds, 60, text);
    [whole, fraction] = [minutes * 60 + seconds, fields[2]];
  } else {
    const [hours, minutes, seconds] = fields.map(Number);
    checkRange('minutes', minutes, 60, text);
    checkRange('seconds', seconds, 60, text);
    [whole, fraction] = [hours * 3600 + minutes * 60 + seconds, fields[3]];
  }
  if (!Number.isSafeInteger(whole)) throw new TimecodeError(`timecode "${text}" is too large`);
  // seconds = (whole × 10^k + fraction) / 10^k exactly, however many digits were typed.
  const scale = 10n ** BigInt(fraction?.length ?? 0);
  const scaledSeconds = BigInt(whole) * scale + BigInt(fraction ?? 0);
  return Number(mulDivRound(scaledSeconds, BigInt(rate.num), scale * BigInt(rate.den)));
}

/**
 * Total: never throws. Detects the format from the text, trims whitespace, accepts full-width digits/colons (NFKC),
 * rejects negatives, empty text, out-of-range fields, drop-frame labels that do not exist, and drop-frame labels at
 * a rate that has no drop-frame counting.
 */
export function parseTimecode(text: string, rate: FrameRate): TimecodeResult {
  try {
    return { ok: true, timecode: parseOrThrow(text, rate) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Milliseconds of wall-clock time at `frame`, rounded to the nearest millisecond. */
function millisAt(frame: number, rate: FrameRate): number {
  return Number(mulDivRound(BigInt(frame), BigInt(rate.den) * 1000n, BigInt(rate.num)));
}

/** ".5", ".25", ".125" or "" — up to 3 decimals, no trailing zeros. */
function shortMillis(millis: number): string {
  const digits = pad(millis % 1000, 3).replace(/0+$/, '');
  return digits ? `.${digits}` : '';
}

function clock(totalSeconds: number): string {
  return `${pad(div(totalSeconds, 3600))}:${pad(div(totalSeconds, 60) % 60)}:${pad(totalSeconds % 60)}`;
}

/**
 * Formats a frame number in any format. 'hh:mm:ss' rounds down to whole seconds, 'hh:mm:ss.mmm' gives 3 decimals,
 * 'seconds' and 'mm:ss' give up to 3 decimals without trailing zeros (enough to parse back to the same frame at any
 * rate up to 1000 fps). Throws TimecodeError for a negative/non-integer frame, or 'smpte-df' at a rate without it.
 */
export function formatTimecode(frame: number, rate: FrameRate, format: TimecodeFormat): string {
  const exact = checkedFrameRate(rate);
  if (!Number.isSafeInteger(frame) || frame < 0) {
    throw new TimecodeError(`frame must be a non-negative integer, got ${frame}`);
  }
  switch (format) {
    case 'seconds': {
      const millis = millisAt(frame, exact);
      return `${div(millis, 1000)}${shortMillis(millis)}`;
    }
    case 'mm:ss': {
      const millis = millisAt(frame, exact);
      return `${pad(div(millis, 60_000))}:${pad(div(millis, 1000) % 60)}${shortMillis(millis)}`;
    }
    case 'hh:mm:ss':
      return clock(Number((BigInt(frame) * BigInt(exact.den)) / BigInt(exact.num)));
    case 'hh:mm:ss.mmm': {
      const millis = millisAt(frame, exact);
      return `${clock(div(millis, 1000))}.${pad(millis % 1000, 3)}`;
    }
    case 'smpte':
    case 'smpte-df': {
      const dropFrame = format === 'smpte-df';
      if (dropFrame && !supportsDropFrame(exact)) {
        throw new TimecodeError(
          `${exact.num}/${exact.den} has no drop-frame counting (only 29.97 = 30000/1001 and 59.94 = 60000/1001)`,
        );
      }
      const nominal = nominalFps(exact);
      const label = frameToLabel(frame, nominal, dropFrame);
      const framesWidth = Math.max(2, String(nominal - 1).length);
      const seconds = label.hours * 3600 + label.minutes * 60 + label.seconds;
      return `${clock(seconds)}${dropFrame ? ';' : ':'}${pad(label.frames, framesWidth)}`;
    }
    default: {
      const unknown: never = format;
      throw new TimecodeError(`unknown timecode format ${JSON.stringify(unknown)}`);
    }
  }
}

/** Wall-clock seconds at the start of `frame`. */
export function framesToSeconds(frame: number, rate: FrameRate): number {
  const { num, den } = checkedFrameRate(rate);
  return (frame * den) / num;
}

/** The frame nearest to `seconds` of wall-clock time. */
export function secondsToFrames(seconds: number, rate: FrameRate): number {
  const { num, den } = checkedFrameRate(rate);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new TimecodeError(`seconds must be a non-negative finite number, got ${seconds}`);
  }
  return Math.round((seconds * num) / den);
}
