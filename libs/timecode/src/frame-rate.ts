/** Thrown by the throwing helpers (parseFrameRate, formatTimecode, …); parseTimecode never throws. */
export class TimecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimecodeError';
  }
}

/** An exact frame rate, reduced: 30000/1001, 25/1, 60000/1001, 24000/1001. */
export interface FrameRate {
  num: number;
  den: number;
}

export const FRAME_RATE_23_976: FrameRate = { num: 24000, den: 1001 };
export const FRAME_RATE_24: FrameRate = { num: 24, den: 1 };
export const FRAME_RATE_25: FrameRate = { num: 25, den: 1 };
export const FRAME_RATE_29_97: FrameRate = { num: 30000, den: 1001 };
export const FRAME_RATE_30: FrameRate = { num: 30, den: 1 };
export const FRAME_RATE_50: FrameRate = { num: 50, den: 1 };
export const FRAME_RATE_59_94: FrameRate = { num: 60000, den: 1001 };
export const FRAME_RATE_60: FrameRate = { num: 60, den: 1 };

const MAX_FPS = 1000;
/** "29.97" is only ever a rounded 30000/1001; this is how far a rounded label may sit from N×1000/1001. */
const NTSC_TOLERANCE = 0.005;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function reduce(num: number, den: number): FrameRate {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** The reason `rate` is unusable, or null. Lets parseTimecode report a bad rate without throwing. */
export function frameRateProblem(rate: FrameRate): string | null {
  const num = rate?.num;
  const den = rate?.den;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0) {
    return `invalid frame rate ${JSON.stringify(rate)}: numerator and denominator must be positive integers`;
  }
  if (num / den > MAX_FPS) return `invalid frame rate ${num}/${den}: above ${MAX_FPS} fps`;
  return null;
}

/** Throws TimecodeError for an unusable rate, returns it reduced otherwise. */
export function checkedFrameRate(rate: FrameRate): FrameRate {
  const problem = frameRateProblem(rate);
  if (problem) throw new TimecodeError(problem);
  return reduce(rate.num, rate.den);
}

/**
 * "30000/1001", "29.97", "29.970", "25", 59.94, "23.976", "24000/1001" → exact reduced fraction.
 * Decimal rates just under an integer N (23.976, 29.97, 47.952, 59.94, 119.88, also the sloppier 23.98) are
 * the rounded spelling of the NTSC rate N×1000/1001, so they map to it rather than to e.g. 2997/100.
 */
export function parseFrameRate(value: string | number): FrameRate {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TimecodeError(`invalid frame rate ${value}`);
    if (value <= 0) throw new TimecodeError(`invalid frame rate ${value}: must be above 0`);
    // Float input (29.97 → 29.969999…) is read as the decimal a person meant, to 6 places.
    text = value.toFixed(6).replace(/\.?0+$/, '');
  } else if (typeof value === 'string') {
    text = value.normalize('NFKC').trim();
  } else {
    throw new TimecodeError(`invalid frame rate ${JSON.stringify(value)}`);
  }

  let rate: FrameRate;
  const fraction = /^(\d{1,15})\s*\/\s*(\d{1,15})$/.exec(text);
  const decimal = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (fraction) {
    rate = { num: Number(fraction[1]), den: Number(fraction[2]) };
    if (rate.den === 0) throw new TimecodeError(`invalid frame rate "${text}": zero denominator`);
  } else if (decimal) {
    const digits = decimal[2] ?? '';
    rate = { num: Number(decimal[1] + digits), den: 10 ** digits.length };
    const fps = rate.num / rate.den;
    const ntscBase = Math.ceil(fps);
    if (!Number.isInteger(fps) && Math.abs(fps - (ntscBase * 1000) / 1001) < NTSC_TOLERANCE) {
      rate = { num: ntscBase * 1000, den: 1001 };
    }
  } else {
    throw new TimecodeError(`invalid frame rate "${text}": expected e.g. 25, 29.97 or 30000/1001`);
  }
  if (rate.num === 0) throw new TimecodeError(`invalid frame rate "${text}": must be above 0`);
  if (rate.num / rate.den > MAX_FPS) throw new TimecodeError(`invalid frame rate "${text}": above ${MAX_FPS} fps`);
  return reduce(rate.num, rate.den);
}

/** "30000/1001", "25/1": the exact form, which parseFrameRate reads back. */
export function formatFrameRate(rate: FrameRate): string {
  const { num, den } = checkedFrameRate(rate);
  return `${num}/${den}`;
}

export function frameRateToNumber(rate: FrameRate): number {
  return rate.num / rate.den;
}

/** Frames per label-second in SMPTE labels: 30 for 29.97, 24 for 23.976, 25 for 25. */
export function nominalFps(rate: FrameRate): number {
  const whole = Math.floor(rate.num / rate.den);
  return whole * rate.den === rate.num ? whole : whole + 1;
}

/** Drop-frame counting exists only for 30000/1001 and 60000/1001 (SMPTE 12M); cross-multiplied so unreduced input works. */
export function supportsDropFrame(rate: FrameRate): boolean {
  return rate.num * 1001 === rate.den * 30000 || rate.num * 1001 === rate.den * 60000;
}
