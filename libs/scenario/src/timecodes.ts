import { FrameRate, TimecodeFormat, formatTimecode, parseTimecode } from '@pokervod/timecode';
import { RATES, RateName, hasDropFrame } from './media';
import { Rng } from './prng';

/** The timecode forms a hand log holds (`754.5`, `12:34`, `01:02:03`, `1:02:03.500`, `01:02:03:04`, `01:02:03;04`). */
export const TIMECODE_FORMS: readonly TimecodeFormat[] = [
  'seconds',
  'mm:ss',
  'hh:mm:ss',
  'hh:mm:ss.mmm',
  'smpte',
  'smpte-df',
];

/** Seconds kept clear of a video's end: probed lengths differ a little by container and stream. */
export const END_MARGIN_S = 0.25;

export interface ClipTimes {
  form: TimecodeFormat;
  in: string;
  out: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `1.25`, `754.5`, `3`: milliseconds as a seconds number with no trailing zeros. */
export function secondsText(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = String(ms % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** `00:01`, `01:02.5`. */
export function mmssText(ms: number): string {
  const frac = secondsText(ms % 1000).slice(1);
  return `${pad(Math.floor(ms / 60_000))}:${pad(Math.floor(ms / 1000) % 60)}${frac}`;
}

/** `00:00:01` (whole seconds only). */
export function hhmmssText(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** `0:00:01.250` (one-digit hour, as editors type it) or `00:00:01.250`. */
export function hhmmssMillisText(ms: number, shortHour: boolean): string {
  const text = `${hhmmssText(ms)}.${pad(ms % 1000, 3)}`;
  return shortHour ? text.replace(/^0(\d):/, '$1:') : text;
}

/** Which forms fit a clip on a video of this rate and length (whole-second forms need 2 s of room). */
export function formsFor(rate: RateName, durationS: number): TimecodeFormat[] {
  return TIMECODE_FORMS.filter((form) => {
    if (form === 'smpte-df' && !hasDropFrame(rate)) return false;
    if (form === 'hh:mm:ss' && durationS - END_MARGIN_S < 1) return false;
    return true;
  });
}

/**
 * An in and an out in `form` for a clip inside a video of `durationS` at
 * `rate`: at least 0.4 s long, ending at least END_MARGIN_S before the end.
 * Long videos get points past the first minute (where drop-frame labels
 * part from non-drop ones).
 */
export function clipTimes(rng: Rng, rate: RateName, durationS: number, form: TimecodeFormat): ClipTimes {
  const usableMs = Math.floor((durationS - END_MARGIN_S) * 1000);
  const exact = RATES[rate];
  if (form === 'smpte' || form === 'smpte-df') {
    const lastFrame = Math.floor((usableMs * exact.num) / (exact.den * 1000));
    const minLength = Math.ceil((400 * exact.num) / (exact.den * 1000));
    const inFrame = rng.int(durationS > 60 ? Math.min(lastFrame - minLength, 1900) : 0, lastFrame - minLength);
    const outFrame = rng.int(inFrame + minLength, lastFrame);
    return { form, in: formatTimecode(inFrame, exact, form), out: formatTimecode(outFrame, exact, form) };
  }
  if (form === 'hh:mm:ss') {
    const lastS = Math.floor(usableMs / 1000);
    const inS = rng.int(durationS > 60 ? Math.min(60, lastS - 1) : 0, lastS - 1);
    const outS = rng.int(inS + 1, lastS);
    return { form, in: hhmmssText(inS * 1000), out: hhmmssText(outS * 1000) };
  }
  // Wall-clock forms with a fraction: milliseconds in steps of 50 (what editors type: .5, .25, .75, .05).
  const steps = Math.floor(usableMs / 50);
  const inStep = rng.int(durationS > 60 ? Math.min(1200, steps - 8) : 0, steps - 8);
  const outStep = rng.int(inStep + 8, steps);
  const [inMs, outMs] = [inStep * 50, outStep * 50];
  const shortHour = rng.chance(0.5);
  const text = (ms: number) =>
    form === 'seconds' ? secondsText(ms) : form === 'mm:ss' ? mmssText(ms) : hhmmssMillisText(ms, shortHour);
  return { form, in: text(inMs), out: text(outMs) };
}

/** The frame `text` means on a video at `rate` (what hand-analysis must store); throws if it does not read. */
export function frameAt(text: string, rate: FrameRate): number {
  const parsed = parseTimecode(text, rate);
  if (!parsed.ok) throw new Error(`scenario: "${text}" does not read at ${rate.num}/${rate.den}: ${parsed.error}`);
  return parsed.timecode.frame;
}

/** Rates sheets-sync reads SMPTE labels at, in order (SHEETS_TIMECODE_RATE default, then 59.94). */
const SHEET_EDGE_RATES: readonly FrameRate[] = [RATES['29.97'], RATES['59.94']];

/**
 * Whether sheets-sync's edge check (docs/sheets-sync.md) accepts in/out:
 * both read as timecodes at 29.97 or, failing that, 59.94, and out after in.
 * The generator uses it to make sure good rows pass and bad rows fail as meant.
 */
export function sheetEdgeAccepts(inText: string, outText: string): 'ok' | 'unreadable' | 'out_not_after_in' {
  let verdict: 'unreadable' | 'out_not_after_in' = 'unreadable';
  for (const rate of SHEET_EDGE_RATES) {
    const a = parseTimecode(inText, rate);
    const b = parseTimecode(outText, rate);
    if (!a.ok || !b.ok) continue;
    if (b.timecode.frame > a.timecode.frame) return 'ok';
    verdict = 'out_not_after_in';
    break;
  }
  return verdict;
}
