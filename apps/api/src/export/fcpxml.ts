import type { FrameRate } from '@pokervod/timecode';
import { ExportClip, Timeline, clipName, place, playable, recordStart } from './timeline';

function xml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot hold at all.
      .replace(/[^\t\n\r\u0020-\uFFFF]/gu, (c) => ((c.codePointAt(0) ?? 0) > 0xffff ? c : ''))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** Frames as FCPXML rational seconds: exact multiples of the frame duration (`1801800/30000s`). */
export function time(frames: number, rate: FrameRate): string {
  return frames === 0 ? '0s' : `${frames * rate.den}/${rate.num}s`;
}

/**
 * FCPXML 1.10: one `format` (the timeline rate), one `asset` per file
 * (`media-rep` pointing at the file on the NAS), one `sequence` starting at
 * 01:00:00:00 whose `spine` holds an `asset-clip` per playable clip with
 * exact rational `offset`/`start`/`duration`, keywords for its tags and a
 * note with its description.
 */
export function toFcpxml(title: string, clips: readonly ExportClip[], timeline: Timeline): string {
  const { rate } = timeline;
  const placed = place(clips, timeline);
  const start = recordStart(timeline);
  const end = placed.length ? placed[placed.length - 1].recordOut : start;
  const tcFormat = timeline.dropFrame ? 'DF' : 'NDF';
  const assets = new Map<string, { id: string; clip: ExportClip; frames: number }>();
  for (const p of placed) {
    const file = p.clip.file;
    if (!file) continue; // placed clips have files
    const known = file.duration_s === null ? 0 : Math.round((file.duration_s * rate.num) / rate.den);
    const asset = assets.get(file.id) ?? { id: `r${assets.size + 2}`, clip: p.clip, frames: 0 };
    asset.frames = Math.max(asset.frames, known, p.sourceOut);
    assets.set(file.id, asset);
  }
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    '<fcpxml version="1.10">',
    '  <resources>',
    `    <format id="r1" frameDuration="${rate.den}/${rate.num}s"/>`,
  ];
  for (const [fileId, asset] of assets) {
    const file = asset.clip.file;
    if (!file) continue;
    out.push(
      `    <asset id="${asset.id}" name="${xml(file.file_name)}" uid="${xml(fileId)}" start="0s" ` +
        `duration="${time(asset.frames, rate)}" hasVideo="1" hasAudio="1" format="r1">`,
      `      <media-rep kind="original-media" src="${xml(file.url)}"/>`,
      '    </asset>',
    );
  }
  out.push(
    '  </resources>',
    '  <library>',
    '    <event name="PokerVOD">',
    `      <project name="${xml(title)}">`,
    `        <sequence format="r1" duration="${time(end - start, rate)}" tcStart="${time(start, rate)}" tcFormat="${tcFormat}">`,
    '          <spine>',
  );
  for (const p of placed) {
    const asset = p.clip.file && assets.get(p.clip.file.id);
    if (!asset) continue;
    const length = p.sourceOut - p.sourceIn;
    out.push(
      `            <asset-clip ref="${asset.id}" name="${xml(clipName(p.clip))}" offset="${time(p.recordIn, rate)}" ` +
        `start="${time(p.sourceIn, rate)}" duration="${time(length, rate)}" tcFormat="${tcFormat}">`,
    );
    if (p.clip.description) out.push(`              <note>${xml(p.clip.description)}</note>`);
    if (p.clip.tags.length)
      out.push(
        `              <keyword start="${time(p.sourceIn, rate)}" duration="${time(length, rate)}" value="${xml(p.clip.tags.join(', '))}"/>`,
      );
    out.push('            </asset-clip>');
  }
  out.push(
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
  );
  const skipped = clips.filter((c) => !playable(c)).map((c) => c.id);
  if (skipped.length) out.push(`<!-- skipped clips without a file or in/out: ${skipped.join(' ')} -->`);
  return `${out.join('\n')}\n`;
}
