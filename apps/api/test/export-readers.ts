import type { FrameRate } from '@pokervod/timecode';

/**
 * Independent readers of the export formats, written from the specs (SMPTE
 * 12M labels, CMX3600 event lines, FCPXML rational times), not from
 * libs/timecode or the writers: the round-trip tests read exports back
 * with these.
 */

/** SMPTE 12M label → frame count: drop-frame skips 2 labels (4 at 59.94) each minute but every tenth. */
export function labelToFrames(label: string, nominal: number): { frames: number; dropFrame: boolean } {
  const m = /^(\d{2}):(\d{2}):(\d{2})([:;])(\d{2})$/.exec(label);
  if (!m) throw new Error(`not a CMX3600 timecode: ${label}`);
  const [hh, mm, ss, sep, ff] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4], Number(m[5])];
  if (ff >= nominal || mm > 59 || ss > 59) throw new Error(`label out of range: ${label}`);
  const dropFrame = sep === ';';
  const minutes = hh * 60 + mm;
  const dropped = dropFrame ? (nominal / 30) * 2 * (minutes - Math.floor(minutes / 10)) : 0;
  if (dropFrame && ss === 0 && mm % 10 !== 0 && ff < (nominal / 30) * 2) throw new Error(`dropped label: ${label}`);
  return { frames: (hh * 3600 + mm * 60 + ss) * nominal + ff - dropped, dropFrame };
}

export interface EdlEvent {
  number: number;
  reel: string;
  track: string;
  transition: string;
  source: [number, number];
  record: [number, number];
  clipName: string | null;
  separators: string[];
}

export function parseEdl(text: string): { title: string; fcm: string; rate: FrameRate; events: EdlEvent[] } {
  const lines = text.split(/\r\n/);
  const title = /^TITLE: (.*)$/.exec(lines[0])?.[1] ?? '';
  const fcm = /^FCM: (DROP FRAME|NON-DROP FRAME)$/.exec(lines[1])?.[1] ?? '';
  const rateMatch = /\((\d+)\/(\d+)\)/.exec(lines.find((l) => l.startsWith('* FRAME RATE:')) ?? '');
  if (!rateMatch) throw new Error('no frame rate stated');
  const rate = { num: Number(rateMatch[1]), den: Number(rateMatch[2]) };
  const nominal = Math.round(rate.num / rate.den);
  const events: EdlEvent[] = [];
  for (const line of lines) {
    const e = /^(\d{3}) {2}(.{8}) (.{5}) (.{8}) (\S{11}) (\S{11}) (\S{11}) (\S{11})$/.exec(line);
    if (e) {
      const tcs = [e[5], e[6], e[7], e[8]].map((l) => labelToFrames(l, nominal));
      events.push({
        number: Number(e[1]),
        reel: e[2].trim(),
        track: e[3].trim(),
        transition: e[4].trim(),
        source: [tcs[0].frames, tcs[1].frames],
        record: [tcs[2].frames, tcs[3].frames],
        clipName: null,
        separators: [e[5], e[6], e[7], e[8]].map((l) => l[8]),
      });
      continue;
    }
    const name = /^\* FROM CLIP NAME: (.*)$/.exec(line);
    if (name && events.length) events[events.length - 1].clipName = name[1];
  }
  return { title, fcm, rate, events };
}

/** FCPXML rational seconds (`1801800/30000s`, `4s`) as frames of `frameDuration`; must be whole. */
export function rationalFrames(value: string, frameDuration: string): number {
  const r = (v: string) => {
    const m = /^(\d+)(?:\/(\d+))?s$/.exec(v);
    if (!m) throw new Error(`not a rational time: ${v}`);
    return [BigInt(m[1]), BigInt(m[2] ?? '1')] as const;
  };
  const [n, d] = r(value);
  const [fn, fd] = r(frameDuration);
  const numerator = n * fd;
  const denominator = d * fn;
  if (numerator % denominator !== 0n) throw new Error(`${value} is not a whole number of ${frameDuration} frames`);
  return Number(numerator / denominator);
}
