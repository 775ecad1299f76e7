import type { MediaSummary } from '@pokervod/contracts';
import { FrameRate, framesToSeconds, frameRateToNumber, parseTimecode, snapFrameRate } from '@pokervod/timecode';

export type ClipStatus = 'valid' | 'invalid';

export interface ValidationContext {
  /** The video's frame rate: frames are counted at it and SMPTE frames read with it. */
  rate: FrameRate;
  /** The video's length when known (probed); unknown: the end is not checked. */
  videoDurationS: number | null;
  maxClipSeconds: number;
}

export interface ClipValidation {
  inFrame: number | null;
  outFrame: number | null;
  /** True when either timecode was written drop-frame (`HH:MM:SS;FF`). */
  dropFrame: boolean;
  durationS: number | null;
  status: ClipStatus;
  /** Why the clip is invalid, one sentence each; empty when valid. */
  reasons: string[];
}

/**
 * Reads a clip's in and out timecodes at the video's frame rate and checks
 * them: both readable (the parser refuses negative ones, so in ≥ 0), out after in, out within the video when its
 * length is known, and no longer than the maximum. An invalid clip is still
 * a clip: the caller stores it with these reasons.
 */
export function validateClip(inText: string, outText: string, context: ValidationContext): ClipValidation {
  const reasons: string[] = [];
  const read = (label: 'in' | 'out', text: string) => {
    if (text.trim() === '') {
      reasons.push(`${label}: no timecode given`);
      return null;
    }
    const parsed = parseTimecode(text.trim(), context.rate);
    if (!parsed.ok) {
      // The parser's message names the text and what is wrong with it (format, range, negative, drop-frame).
      reasons.push(`${label}: ${parsed.error}`);
      return null;
    }
    return parsed.timecode;
  };
  const tcIn = read('in', inText);
  const tcOut = read('out', outText);
  const shown = (text: string) => text.trim();
  const inFrame = tcIn?.frame ?? null;
  const outFrame = tcOut?.frame ?? null;
  let durationS: number | null = null;

  if (inFrame !== null && outFrame !== null) {
    if (outFrame < inFrame) reasons.push(`out ${shown(outText)} is before in ${shown(inText)}`);
    else if (outFrame === inFrame) reasons.push(`out ${shown(outText)} is the same as in: the clip is empty`);
    else durationS = framesToSeconds(outFrame - inFrame, context.rate);
  }
  if (context.videoDurationS !== null) {
    // One frame of slack: a timecode at the very end rounds to the nearest frame.
    const end = context.videoDurationS + 1 / frameRateToNumber(context.rate);
    const past = (frame: number | null) => frame !== null && framesToSeconds(frame, context.rate) > end;
    const videoLength = `${context.videoDurationS.toFixed(1)} s`;
    if (past(outFrame)) reasons.push(`out ${shown(outText)} is past the end of the video (${videoLength})`);
    else if (past(inFrame)) reasons.push(`in ${shown(inText)} is past the end of the video (${videoLength})`);
  }
  if (durationS !== null && durationS > context.maxClipSeconds) {
    reasons.push(
      `clip is ${formatLength(durationS)} long, longer than the ${formatLength(context.maxClipSeconds)} maximum (HANDS_MAX_CLIP_SECONDS)`,
    );
  }
  return {
    inFrame,
    outFrame,
    dropFrame: Boolean(tcIn?.dropFrame || tcOut?.dropFrame),
    durationS,
    status: reasons.length === 0 ? 'valid' : 'invalid',
    reasons,
  };
}

/** `45 min`, `30.5 min`, `12 s`: how long something is, for people. */
export function formatLength(seconds: number): string {
  const round = (n: number) => String(Number(n.toFixed(1)));
  return seconds < 60 ? `${round(seconds)} s` : `${round(seconds / 60)} min`;
}

export interface VideoFacts {
  durationS: number | null;
  rate: FrameRate | null;
}

/**
 * What a clip is measured against, best source first: the media the request
 * carried, then the video read model (fed by the NAS block's probes), then
 * the configured default frame rate (and no known length).
 */
export function clipVideoFacts(
  media: MediaSummary | null | undefined,
  video: VideoFacts | null,
  defaultRate: FrameRate,
): { rate: FrameRate; durationS: number | null } {
  return {
    rate: rateOf(media) ?? video?.rate ?? defaultRate,
    durationS: media?.duration_s ?? video?.durationS ?? null,
  };
}

/**
 * The frame rate a probe summary gives, exact fraction first, snapped to the
 * standard rate it is near; null when it has none usable. Snapping again
 * matters: a summary from an older event may carry the container's raw
 * approximation (`19001/317` for a 59.94 MKV), at which drop-frame labels
 * would be refused.
 */
export function rateOf(media: MediaSummary | null | undefined): FrameRate | null {
  for (const value of [media?.frame_rate, media?.fps]) {
    if (value === null || value === undefined || value === 0) continue;
    // null: unusable value, try the next source
    const rate = snapFrameRate(value);
    if (rate) return rate;
  }
  return null;
}

/** A stored rate (a clip's or a video's) as the standard rate it is near: rows written before rates were snapped. */
export function snappedRate(rate: FrameRate): FrameRate {
  return snapFrameRate(rate) ?? rate;
}
