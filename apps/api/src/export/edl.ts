import { ExportClip, Timeline, clipName, label, place, playable, rateLabel } from './timeline';

/** CMX3600 numbers events with three digits. */
export const EDL_MAX_EVENTS = 999;

/** Comment text on one line, in the ASCII-safe subset EDL readers expect of comments. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * CMX3600 EDL: title, frame code mode (`FCM: DROP FRAME` with `;` labels, or
 * `NON-DROP FRAME`), the rate as a comment, then one cut per playable clip:
 * reel `AX` (a file-based source), video track, source in/out at the file's
 * timecode (from 00:00:00:00), record in/out end to end from 01:00:00:00,
 * with the clip's file name and a comment.
 */
export function toEdl(title: string, clips: readonly ExportClip[], timeline: Timeline): string {
  const placed = place(clips, timeline);
  if (placed.length > EDL_MAX_EVENTS) throw new RangeError(`an EDL holds at most ${EDL_MAX_EVENTS} events`);
  const lines = [
    `TITLE: ${oneLine(title).slice(0, 70)}`,
    `FCM: ${timeline.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`,
    `* FRAME RATE: ${rateLabel(timeline.rate)} (${timeline.rate.num}/${timeline.rate.den})`,
  ];
  for (const skipped of clips.filter((c) => !playable(c)))
    lines.push(`* SKIPPED CLIP ${skipped.id}: ${skipped.file ? 'no in/out frames' : 'no file'}`);
  placed.forEach((p, i) => {
    lines.push('');
    lines.push(
      `${String(i + 1).padStart(3, '0')}  ${'AX'.padEnd(8)} ${'V'.padEnd(5)} ${'C'.padEnd(8)} ` +
        `${label(p.sourceIn, timeline)} ${label(p.sourceOut, timeline)} ${label(p.recordIn, timeline)} ${label(p.recordOut, timeline)}`,
    );
    lines.push(`* FROM CLIP NAME: ${oneLine(p.clip.file?.file_name ?? '')}`);
    const comment = [clipName(p.clip), p.clip.tags.join(', '), p.clip.description].filter(Boolean).join(' | ');
    lines.push(`* COMMENT: ${oneLine(comment).slice(0, 240)}`);
    lines.push(`* CLIP ID: ${p.clip.id}`);
  });
  return `${lines.join('\r\n')}\r\n`;
}
