import fc from 'fast-check';
import {
  FRAME_RATE_23_976,
  FRAME_RATE_24,
  FRAME_RATE_25,
  FRAME_RATE_29_97,
  FRAME_RATE_30,
  FRAME_RATE_59_94,
  FrameRate,
} from './frame-rate';
import { formatTimecode, parseTimecode } from './timecode';

/** The untyped surface of the `smpte-timecode` package this test relies on. */
interface SmpteTimecode {
  frameCount: number;
  toString(): string;
}
type SmpteTimecodeFactory = (timecode: number | string, frameRate: number, dropFrame: boolean) => SmpteTimecode;
// Old CommonJS package without types: an independent implementation to compare against.
const Timecode = require('smpte-timecode') as SmpteTimecodeFactory;

const cases: Array<[string, FrameRate, number, boolean]> = [
  ['29.97 DF', FRAME_RATE_29_97, 29.97, true],
  ['59.94 DF', FRAME_RATE_59_94, 59.94, true],
  ['29.97 NDF', FRAME_RATE_29_97, 29.97, false],
  ['59.94 NDF', FRAME_RATE_59_94, 59.94, false],
  ['23.976', FRAME_RATE_23_976, 23.976, false],
  ['24', FRAME_RATE_24, 24, false],
  ['25', FRAME_RATE_25, 25, false],
  ['30', FRAME_RATE_30, 30, false],
];

describe.each(cases)('agrees with smpte-timecode at %s', (_name, rate, fps, dropFrame) => {
  const format = dropFrame ? 'smpte-df' : 'smpte';
  // smpte-timecode wraps at 24 h; stay below it.
  const lastFrameOfDay = Math.floor(24 * 3600 * fps) - 1;

  /** [label, frame parsed back] from us and from smpte-timecode, compared as a whole (one expect per range is fast). */
  function both(frames: number[]): { ours: Array<[string, number]>; theirs: Array<[string, number]> } {
    const ours = frames.map((frame): [string, number] => {
      const label = formatTimecode(frame, rate, format);
      const parsed = parseTimecode(label, rate);
      return [label, parsed.ok ? parsed.timecode.frame : -1];
    });
    const theirs = frames.map((frame): [string, number] => {
      const label = Timecode(frame, fps, dropFrame).toString();
      return [label, Timecode(label, fps, dropFrame).frameCount];
    });
    return { ours, theirs };
  }

  it('for every frame of the first 11 minutes (past the first skipped labels and the 10th minute)', () => {
    const frames = Array.from({ length: Math.round(11 * 60 * fps) }, (_, frame) => frame);
    const { ours, theirs } = both(frames);
    expect(ours).toEqual(theirs);
    expect(ours.map(([, back]) => back)).toEqual(frames);
  });

  it('for random frames across 24 hours', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: lastFrameOfDay }), { minLength: 1, maxLength: 200 }), (frames) => {
        const { ours, theirs } = both(frames);
        expect(ours).toEqual(theirs);
        expect(ours.map(([, back]) => back)).toEqual(frames);
      }),
      { numRuns: 50, examples: [[[lastFrameOfDay]]] },
    );
  });
});
