import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FrameRate } from '@pokervod/timecode';
import { toCsv } from './csv';
import { toEdl } from './edl';
import { toFcpxml } from './fcpxml';
import { ExportClip, Timeline, convertFrame } from './timeline';
import { parseEdl, rationalFrames } from '../../test/export-readers';

// ---- clips -------------------------------------------------------------------------------------------

const R25 = { num: 25, den: 1 };
const R2997 = { num: 30000, den: 1001 };
const R5994 = { num: 60000, den: 1001 };

function exportClip(
  i: number,
  rate: FrameRate,
  inFrame: number,
  outFrame: number,
  over: Partial<ExportClip> = {},
): ExportClip {
  return {
    id: `clip-${i}`,
    status: 'valid',
    reasons: [],
    hand_no: String(i),
    players: 'Phil Ivey vs 톰 드완',
    description: `hand ${i} <b>&"quoted"</b>`,
    tags: ['bluff', 'river'],
    in_frame: inFrame,
    out_frame: outFrame,
    rate,
    drop_frame: false,
    duration_s: null,
    project_code: 'WSOP',
    episode_title: 'WSOP 2023 Main Event Day 1A',
    file: {
      id: `file-${i % 2}`,
      file_name: `WSOP_2023_Day1A_Part${i % 2}.mp4`,
      root: 'nas',
      path: `WSOP/WSOP_2023_Day1A_Part${i % 2}.mp4`,
      url: `file:///mnt/nas/WSOP/WSOP_2023_Day1A_Part${i % 2}.mp4`,
      duration_s: 7200,
    },
    ...over,
  };
}

// Frames around minute boundaries, where drop-frame labels skip, and past ten minutes and an hour.
const FRAMES = [
  [0, 1],
  [1798, 1802],
  [17980, 18010],
  [107890, 107895],
  [3595, 3600 * 30 + 7],
];

const CASES: [string, Timeline][] = [
  ['25', { rate: R25, dropFrame: false }],
  ['29.97 DF', { rate: R2997, dropFrame: true }],
  ['29.97 NDF', { rate: R2997, dropFrame: false }],
  ['59.94 NDF', { rate: R5994, dropFrame: false }],
  ['59.94 DF', { rate: R5994, dropFrame: true }],
];

describe.each(CASES)('exports at %s read back to the same frames', (_name, timeline) => {
  const clips = FRAMES.map(([a, b], i) => exportClip(i, timeline.rate, a, b));
  const nominal = Math.round(timeline.rate.num / timeline.rate.den);
  const hour = nominal * 3600 - (timeline.dropFrame ? (nominal / 30) * 2 * 54 : 0);

  it('CMX3600 EDL', () => {
    const edl = parseEdl(toEdl('Day 1A', clips, timeline));
    expect(edl.title).toBe('Day 1A');
    expect(edl.fcm).toBe(timeline.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME');
    expect(edl.rate).toEqual(timeline.rate);
    expect(edl.events.map((e) => e.source)).toEqual(FRAMES);
    expect(edl.events[0].record[0]).toBe(hour);
    let record = hour;
    for (const e of edl.events) {
      expect(e).toMatchObject({ reel: 'AX', track: 'V', transition: 'C' });
      expect(e.record).toEqual([record, record + e.source[1] - e.source[0]]);
      expect(new Set(e.separators)).toEqual(new Set([timeline.dropFrame ? ';' : ':']));
      record = e.record[1];
    }
    expect(edl.events.map((e) => e.clipName)).toEqual(clips.map((c) => c.file?.file_name));
  });

  it('FCPXML 1.10', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      toFcpxml('Day 1A', clips, timeline),
    );
    expect(doc.fcpxml.version).toBe('1.10');
    const format = doc.fcpxml.resources.format;
    expect(format.frameDuration).toBe(`${timeline.rate.den}/${timeline.rate.num}s`);
    const sequence = doc.fcpxml.library.event.project.sequence;
    expect(sequence.tcFormat).toBe(timeline.dropFrame ? 'DF' : 'NDF');
    expect(rationalFrames(sequence.tcStart, format.frameDuration)).toBe(hour);
    const spine = [sequence.spine['asset-clip']].flat();
    expect(
      spine.map((c: Record<string, string>) => [
        rationalFrames(c.start, format.frameDuration),
        rationalFrames(c.start, format.frameDuration) + rationalFrames(c.duration, format.frameDuration),
      ]),
    ).toEqual(FRAMES);
    let offset = hour;
    for (const c of spine) {
      expect(rationalFrames(c.offset, format.frameDuration)).toBe(offset);
      offset += rationalFrames(c.duration, format.frameDuration);
    }
    expect(rationalFrames(sequence.duration, format.frameDuration)).toBe(offset - hour);
    const assets = [doc.fcpxml.resources.asset].flat();
    expect(assets.map((a: { uid: string }) => a.uid).sort()).toEqual(['file-0', 'file-1']);
    expect(spine[0].note).toBe('hand 0 <b>&"quoted"</b>');
  });

  it('CSV', () => {
    const rows: Record<string, string>[] = parseCsv(toCsv(clips), { columns: true, bom: true });
    expect(rows.map((r) => [Number(r['in_frame']), Number(r['out_frame'])])).toEqual(FRAMES);
    expect(rows[0]['frame_rate']).toBe(`${timeline.rate.num}/${timeline.rate.den}`);
    expect(rows[1]['in_smpte']).toMatch(/^\d{2}:\d{2}:\d{2}:\d{2}$/);
  });
});

describe('exports', () => {
  it('any frames round-trip through an EDL and FCPXML (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASES.map(([, t]) => t)),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * 3600 * 60 }), fc.integer({ min: 1, max: 20_000 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (timeline, spans) => {
          const clips = spans.map(([a, len], i) => exportClip(i, timeline.rate, a, a + len));
          const edl = parseEdl(toEdl('t', clips, timeline));
          expect(edl.events.map((e) => e.source)).toEqual(spans.map(([a, len]) => [a, a + len]));
          const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
            toFcpxml('t', clips, timeline),
          );
          const fd = doc.fcpxml.resources.format.frameDuration;
          const spine = [doc.fcpxml.library.event.project.sequence.spine['asset-clip']].flat();
          expect(spine.map((c: Record<string, string>) => rationalFrames(c.start, fd))).toEqual(spans.map(([a]) => a));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('converts clips at another rate through exact time', () => {
    expect(convertFrame(2500, R25, R2997)).toBe(2997); // 100 s → 2997.0 frames at 29.97
    expect(convertFrame(2997, R2997, R25)).toBe(2500);
    expect(convertFrame(1, R25, R5994)).toBe(2); // 0.04 s = 2.3976 frames → 2
    const edl = parseEdl(toEdl('mixed', [exportClip(1, R25, 2500, 5000)], { rate: R2997, dropFrame: true }));
    expect(edl.events[0].source).toEqual([2997, 5994]);
  });

  it('escapes formula-looking CSV cells and quotes separators', () => {
    const csv = toCsv([
      exportClip(1, R25, 0, 25, { description: '=HYPERLINK("http://evil","x")', players: '+1 vs -2', hand_no: '@3' }),
    ]);
    const [row] = parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(row['description']).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row['players']).toBe(`'+1 vs -2`);
    expect(row['hand_no']).toBe(`'@3`);
    expect(row['tags']).toBe('bluff, river');
    expect(Number(row['in_seconds'])).toBe(0);
  });

  it('leaves clips without a file or points out of edits, and says so', () => {
    const clips = [exportClip(1, R25, 0, 25), exportClip(2, R25, 0, 25, { in_frame: null, status: 'invalid' })];
    const edl = toEdl('t', clips, { rate: R25, dropFrame: false });
    expect(parseEdl(edl).events).toHaveLength(1);
    expect(edl).toContain('* SKIPPED CLIP clip-2');
    expect(toFcpxml('t', clips, { rate: R25, dropFrame: false })).toContain(
      'skipped clips without a file or in/out: clip-2',
    );
    expect(parseCsv(toCsv(clips), { columns: true, bom: true })).toHaveLength(2);
  });

  it('refuses more events than CMX3600 can number', () => {
    const clips = Array.from({ length: 1000 }, (_, i) => exportClip(i, R25, i, i + 1));
    expect(() => toEdl('t', clips, { rate: R25, dropFrame: false })).toThrow(/999/);
  });
});
