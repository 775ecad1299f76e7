import type { MediaSummary } from '@pokervod/contracts';
import { snapFrameRate } from '@pokervod/timecode';

/**
 * What MediaInfoLib says about one media file, reduced to the fields the
 * catalog uses. Every field the file does not state is `null`, never guessed.
 * Codec and container names are FFmpeg's (what this block stored when it
 * probed with ffprobe), so stored rows keep one vocabulary: see the tables below.
 */
export interface MediaInfo {
  /** Length in seconds (the container's, else the video's, else the longest track's). */
  duration_s: number | null;
  /**
   * Exact frame rate as a reduced fraction, e.g. `"30000/1001"`, `"25/1"`:
   * the stated rate snapped to the standard rate it is near (snapFrameRate).
   */
  frame_rate: string | null;
  /** `frame_rate` as a number, rounded to 3 decimals (29.97, 25, 59.94). */
  fps: number | null;
  /**
   * The rate as the file states it, reduced, when snapping changed it: `"2997/50"`
   * (59.94 exactly) for a 59.94 MKV, which states no exact fraction;
   * `"19001/317"` in probes stored by earlier versions (ffprobe); else null.
   * Always a fraction: the MediaSummary contract says so.
   */
  frame_rate_raw: string | null;
  width: number | null;
  height: number | null;
  /** Codec of the first video track (`h264`, `hevc`, `prores`, …). */
  video_codec: string | null;
  /** Codec of the first audio track (`aac`, `pcm_s16le`, …). */
  audio_codec: string | null;
  /** Container: `mp4`, `mov`, `matroska`, `mxf`, `avi`, `mpegts`, … */
  container: string | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** mediainfo.js turns most numeric fields into numbers; the rest ("FileSize") stay strings. */
function nonNegativeNumber(value: unknown): number | null {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function positiveInteger(value: unknown): number | null {
  const n = nonNegativeNumber(value);
  return n !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}

interface Fraction {
  num: number;
  den: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function reduced(num: number, den: number): Fraction | null {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0) return null;
  const divisor = gcd(num, den);
  return { num: num / divisor, den: den / divisor };
}

/** "30000/1001" → {30000, 1001}, reduced; "0/0", "N/A", junk → null. */
function parseFraction(value: unknown): Fraction | null {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value) : null;
  return match ? reduced(Number(match[1]), Number(match[2])) : null;
}

const ratio = (f: Fraction): number => f.num / f.den;

/** 59.94 or "59.940" → 2997/50: the decimal exactly, not yet snapped. */
function decimalRate(value: unknown): Fraction | null {
  const written = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,6})(?:\.(\d{1,9}))?$/.exec(written);
  if (!match) return null;
  const decimals = match[2] ?? '';
  return reduced(Number(match[1] + decimals), 10 ** decimals.length);
}

/**
 * The video's rate as stated: the exact fraction when the container gives
 * one (FrameRate_Num/FrameRate_Den: MP4, MOV, MXF), else MediaInfo's decimal
 * (FrameRate, 3 decimals: Matroska, whose millisecond clock has no exact
 * fraction), which snapping then turns into one. For variable-rate video
 * FrameRate is the average; MediaInfo already reports jittery phone clips as
 * constant at their nominal rate.
 */
function statedRate(video: Json): Fraction | null {
  const num = positiveInteger(video['FrameRate_Num']);
  const den = positiveInteger(video['FrameRate_Den']);
  return (num !== null && den !== null ? reduced(num, den) : null) ?? decimalRate(video['FrameRate']);
}

type FrameRateFields = Pick<MediaInfo, 'frame_rate' | 'fps' | 'frame_rate_raw'>;

/**
 * The rate clips are counted in: the stated one snapped to the standard rate
 * it is near, with the stated one kept when snapping changed it. Snapping a
 * snapped rate changes nothing, so stored summaries can be passed again.
 */
function frameRateOf(stated: Fraction | null, raw: string | null = null): FrameRateFields {
  const snapped = stated ? snapFrameRate(stated) : null;
  if (!stated || !snapped) return { frame_rate: null, fps: null, frame_rate_raw: null };
  const changed = snapped.num !== stated.num || snapped.den !== stated.den;
  return {
    frame_rate: `${snapped.num}/${snapped.den}`,
    fps: Math.round(ratio(snapped) * 1000) / 1000,
    frame_rate_raw: changed ? `${stated.num}/${stated.den}` : raw,
  };
}

/*
 * MediaInfo's format names → FFmpeg's, the names this block stored when it
 * probed with ffprobe. A name not listed is kept, lower-cased, `_` for spaces.
 *
 *   General Format          container    Video Format        codec
 *   MPEG-4, brand "qt  "    mov          AVC                 h264
 *   MPEG-4, other brands    mp4          HEVC                hevc
 *   Matroska, WebM          matroska     ProRes              prores
 *   MXF                     mxf          MPEG Video v1 / v2  mpeg1video / mpeg2video
 *   MPEG-TS, BDAV (.m2ts)   mpegts       VC-3 (DNxHD/DNxHR)  dnxhd
 *
 *   Audio Format            codec
 *   AAC                     aac
 *   PCM                     pcm_<s|u|f><bits><le|be>: pcm_s16le, pcm_s24be, pcm_u8, pcm_f32le
 *                           (MXF states no sign: wider than 8 bits is signed)
 *   MPEG Audio, Layer 1/2/3 mp1 / mp2 / mp3
 *   MLP FBA (Dolby TrueHD)  truehd
 */
const CONTAINERS: Readonly<Record<string, string>> = {
  Matroska: 'matroska',
  WebM: 'matroska',
  MXF: 'mxf',
  AVI: 'avi',
  'MPEG-TS': 'mpegts',
  BDAV: 'mpegts',
  'MPEG-PS': 'mpeg',
  'Flash Video': 'flv',
  'Windows Media': 'asf',
  Wave: 'wav',
  'MPEG Audio': 'mp3',
  ADTS: 'aac',
  FLAC: 'flac',
  Ogg: 'ogg',
  DV: 'dv',
  GXF: 'gxf',
};

const VIDEO_CODECS: Readonly<Record<string, string>> = {
  AVC: 'h264',
  HEVC: 'hevc',
  ProRes: 'prores',
  'MPEG-4 Visual': 'mpeg4',
  'VC-3': 'dnxhd',
  'VC-1': 'vc1',
  AV1: 'av1',
  VP8: 'vp8',
  VP9: 'vp9',
  DV: 'dvvideo',
  JPEG: 'mjpeg',
  'JPEG 2000': 'jpeg2000',
  FFV1: 'ffv1',
  'H.263': 'h263',
};

const AUDIO_CODECS: Readonly<Record<string, string>> = {
  AAC: 'aac',
  'AC-3': 'ac3',
  'E-AC-3': 'eac3',
  DTS: 'dts',
  'MLP FBA': 'truehd',
  Opus: 'opus',
  Vorbis: 'vorbis',
  FLAC: 'flac',
  ALAC: 'alac',
};

const unlisted = (format: string): string => format.toLowerCase().replace(/\s+/g, '_');

function containerOf(general: Json): string | null {
  const format = text(general['Format']);
  if (format === null) return null;
  if (format === 'MPEG-4') {
    // One format for the whole ISO family; the ftyp brand says which it is.
    // QuickTime files carry "qt  " or, when very old, no ftyp at all.
    const brand = text(general['CodecID']);
    return brand === 'qt' || (brand === null && text(general['Format_Profile']) === 'QuickTime') ? 'mov' : 'mp4';
  }
  return CONTAINERS[format] ?? unlisted(format);
}

function videoCodecOf(video: Json): string | null {
  const format = text(video['Format']);
  if (format === null) return null;
  if (format === 'MPEG Video') return text(video['Format_Version']) === '1' ? 'mpeg1video' : 'mpeg2video';
  return VIDEO_CODECS[format] ?? unlisted(format);
}

function pcmCodecOf(audio: Json): string {
  const bits = positiveInteger(audio['BitDepth']) ?? 16;
  const float = text(audio['Format_Profile']) === 'Float';
  const sign = text(audio['Format_Settings_Sign']);
  const kind = float ? 'f' : sign === 'Unsigned' || (sign === null && bits === 8) ? 'u' : 's';
  if (bits === 8) return `pcm_${kind}8`;
  return `pcm_${kind}${bits}${text(audio['Format_Settings_Endianness']) === 'Big' ? 'be' : 'le'}`;
}

function audioCodecOf(audio: Json): string | null {
  const format = text(audio['Format']);
  if (format === null) return null;
  if (format === 'PCM') return pcmCodecOf(audio);
  if (format === 'MPEG Audio') {
    const layer = /Layer ([123])/.exec(text(audio['Format_Profile']) ?? '')?.[1] ?? '3';
    return `mp${layer}`;
  }
  return AUDIO_CODECS[format] ?? unlisted(format);
}

function tracksOf(result: Json): Json[] {
  const media = isObject(result['media']) ? result['media'] : {};
  const tracks = Array.isArray(media['track']) ? media['track'] : [];
  return tracks.filter(isObject);
}

function durationOf(general: Json | null, video: Json | null, tracks: Json[]): number | null {
  const fromGeneral = general ? nonNegativeNumber(general['Duration']) : null;
  if (fromGeneral !== null) return fromGeneral;
  const fromVideo = video ? nonNegativeNumber(video['Duration']) : null;
  if (fromVideo !== null) return fromVideo;
  const durations = tracks.map((t) => nonNegativeNumber(t['Duration'])).filter((d): d is number => d !== null);
  return durations.length > 0 ? Math.max(...durations) : null;
}

/**
 * Turns MediaInfoLib's report (mediainfo.js, `format: 'object'`: `{ media:
 * { track: [{ '@type': 'General', … }, { '@type': 'Video', … }, …] } }`)
 * into a MediaInfo. Pure and total: any value, including junk, gives a
 * MediaInfo (all `null` where nothing usable was found).
 */
export function mediaInfoFromMediaInfoLib(result: unknown): MediaInfo {
  const tracks = tracksOf(isObject(result) ? result : {});
  const first = (type: string): Json | null => tracks.find((t) => t['@type'] === type) ?? null;
  const general = first('General');
  const video = first('Video');
  const audio = first('Audio');
  return {
    duration_s: durationOf(general, video, tracks),
    ...frameRateOf(video ? statedRate(video) : null),
    width: video ? positiveInteger(video['Width']) : null,
    height: video ? positiveInteger(video['Height']) : null,
    video_codec: video ? videoCodecOf(video) : null,
    audio_codec: audio ? audioCodecOf(audio) : null,
    container: general ? containerOf(general) : null,
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
