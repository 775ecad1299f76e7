import type { MediaSummary } from '@pokervod/contracts';
import { snapFrameRate } from '@pokervod/timecode';

/**
 * What ffprobe says about one media file, reduced to the fields the catalog
 * uses. Every field the file does not state is `null`, never guessed.
 */
export interface MediaInfo {
  /** Length in seconds (the container's, else the longest stream's). */
  duration_s: number | null;
  /**
   * Exact frame rate as a reduced fraction, e.g. `"30000/1001"`, `"25/1"`:
   * the probed rate snapped to the standard rate it is near (snapFrameRate).
   */
  frame_rate: string | null;
  /** `frame_rate` as a number, rounded to 3 decimals (29.97, 25, 59.94). */
  fps: number | null;
  /** The probed rate, reduced, when snapping changed it (`"19001/317"` for a 59.94 MKV); else null. */
  frame_rate_raw: string | null;
  width: number | null;
  height: number | null;
  /** ffprobe's codec name of the main video stream (`h264`, `hevc`, `prores`, …). */
  video_codec: string | null;
  /** ffprobe's codec name of the first audio stream (`aac`, `pcm_s16le`, …). */
  audio_codec: string | null;
  /**
   * Container: `mp4` or `mov` (told apart by the `ftyp` brand), `matroska`,
   * `mxf`, else the first name ffprobe gives (`avi`, `mpegts`, …).
   */
  container: string | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** ffprobe prints most numbers as strings ("4.004000"), some as numbers, and "N/A" when unknown. */
function nonNegativeNumber(value: unknown): number | null {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function positiveInteger(value: unknown): number | null {
  const n = nonNegativeNumber(value);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

interface Fraction {
  num: number;
  den: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** "30000/1001" → {30000, 1001}, reduced; "0/0", "N/A", junk → null. */
function parseFraction(value: unknown): Fraction | null {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value) : null;
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0) return null;
  const divisor = gcd(num, den);
  return { num: num / divisor, den: den / divisor };
}

const ratio = (f: Fraction): number => f.num / f.den;
const near = (a: number, b: number): boolean => Math.abs(a - b) <= 0.01 * b;

/**
 * ffprobe gives two rates: `r_frame_rate` (its guess at the nominal rate, a
 * clean fraction) and `avg_frame_rate` (frames / duration). Where they agree
 * within 1 %, the nominal one is the exact fraction we want. Where they do
 * not (r counting the fields of interlaced video, variable-rate phone clips,
 * a time base taken for a rate), avg is the honest answer. Either may still
 * be a container's approximation (Matroska: `19001/317` for 59.94), which
 * frameRateOf snaps.
 */
function chooseFrameRate(stream: Json): Fraction | null {
  const r = parseFraction(stream['r_frame_rate']);
  const avg = parseFraction(stream['avg_frame_rate']);
  if (r && avg) return near(ratio(r), ratio(avg)) ? r : avg;
  return r ?? avg;
}

type FrameRateFields = Pick<MediaInfo, 'frame_rate' | 'fps' | 'frame_rate_raw'>;

/**
 * The rate clips are counted in: the probed one snapped to the standard rate
 * it is near, with the probed one kept when snapping changed it. Snapping a
 * snapped rate changes nothing, so stored summaries can be passed again.
 */
function frameRateOf(probed: Fraction | null, raw: string | null = null): FrameRateFields {
  const snapped = probed ? snapFrameRate(probed) : null;
  if (!probed || !snapped) return { frame_rate: null, fps: null, frame_rate_raw: null };
  const changed = snapped.num !== probed.num || snapped.den !== probed.den;
  return {
    frame_rate: `${snapped.num}/${snapped.den}`,
    fps: Math.round(ratio(snapped) * 1000) / 1000,
    frame_rate_raw: changed ? `${probed.num}/${probed.den}` : raw,
  };
}

function streamsOf(json: Json, type: 'video' | 'audio'): Json[] {
  const streams = Array.isArray(json['streams']) ? json['streams'] : [];
  return streams.filter((s): s is Json => isObject(s) && s['codec_type'] === type);
}

/** The picture stream: the first video stream that is not cover art or a still. */
function mainVideoStream(json: Json): Json | null {
  const videos = streamsOf(json, 'video');
  const moving = videos.find((s) => {
    const disposition = isObject(s['disposition']) ? s['disposition'] : {};
    return disposition['attached_pic'] !== 1 && disposition['still_image'] !== 1;
  });
  return moving ?? null;
}

function tag(tags: unknown, name: string): string | null {
  if (!isObject(tags)) return null;
  const key = Object.keys(tags).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : text(tags[key]);
}

function containerOf(format: Json): string | null {
  const names = (text(format['format_name']) ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  if (names.includes('mov') && names.includes('mp4')) {
    // One demuxer for the whole ISO family; the ftyp brand says which it is.
    // QuickTime files carry "qt  " or, when very old, no ftyp at all.
    const brand = tag(format['tags'], 'major_brand');
    return brand === null || brand.toLowerCase() === 'qt' ? 'mov' : 'mp4';
  }
  if (names.includes('matroska')) return 'matroska';
  return names[0];
}

function durationOf(format: Json, video: Json | null, json: Json): number | null {
  const fromFormat = nonNegativeNumber(format['duration']);
  if (fromFormat !== null) return fromFormat;
  const fromVideo = video ? nonNegativeNumber(video['duration']) : null;
  if (fromVideo !== null) return fromVideo;
  const streams = Array.isArray(json['streams']) ? json['streams'] : [];
  const durations = streams
    .map((s) => (isObject(s) ? nonNegativeNumber(s['duration']) : null))
    .filter((d): d is number => d !== null);
  return durations.length > 0 ? Math.max(...durations) : null;
}

/**
 * Turns the output of `ffprobe -print_format json -show_format -show_streams`
 * (already parsed) into a MediaInfo. Pure and total: any value, including
 * junk, gives a MediaInfo (all `null` where nothing usable was found).
 */
export function mediaInfoFromFfprobe(json: unknown): MediaInfo {
  const root: Json = isObject(json) ? json : {};
  const format: Json = isObject(root['format']) ? root['format'] : {};
  const video = mainVideoStream(root);
  const audio = streamsOf(root, 'audio')[0] ?? null;
  return {
    duration_s: durationOf(format, video, root),
    ...frameRateOf(video ? chooseFrameRate(video) : null),
    width: video ? positiveInteger(video['width']) : null,
    height: video ? positiveInteger(video['height']) : null,
    video_codec: video ? text(video['codec_name']) : null,
    audio_codec: audio ? text(audio['codec_name']) : null,
    container: containerOf(format),
  };
}

/**
 * The media summary other blocks get: duration and the snapped rate. Stored
 * probes from before snapping (`"19001/317"`, no `frame_rate_raw`) are
 * snapped here too, so every summary sent out counts frames at a standard rate.
 */
export function mediaSummaryOf(media: Partial<MediaInfo>): MediaSummary {
  const raw = typeof media.frame_rate_raw === 'string' ? media.frame_rate_raw : null;
  return {
    duration_s: typeof media.duration_s === 'number' && media.duration_s >= 0 ? media.duration_s : null,
    ...frameRateOf(parseFraction(media.frame_rate), raw),
  };
}

/** Formats ffprobe can open that are not audio/video: text art and still images. */
export function isNonMediaContainer(container: string | null): boolean {
  return container !== null && (container === 'tty' || container === 'image2' || container.endsWith('_pipe'));
}
