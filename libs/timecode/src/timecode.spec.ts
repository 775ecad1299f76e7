import fc from 'fast-check';
import {
  FRAME_RATE_23_976,
  FRAME_RATE_24,
  FRAME_RATE_25,
  FRAME_RATE_29_97,
  FRAME_RATE_30,
  FRAME_RATE_50,
  FRAME_RATE_59_94,
  FRAME_RATE_60,
  FrameRate,
  nominalFps,
  supportsDropFrame,
  TimecodeError,
} from './frame-rate';
import { formatTimecode, framesToSeconds, parseTimecode, secondsToFrames, TimecodeFormat } from './timecode';

const RATES: Array<[string, FrameRate]> = [
  ['23.976', FRAME_RATE_23_976],
  ['24', FRAME_RATE_24],
  ['25', FRAME_RATE_25],
  ['29.97', FRAME_RATE_29_97],
  ['30', FRAME_RATE_30],
  ['50', FRAME_RATE_50],
  ['59.94', FRAME_RATE_59_94],
  ['60', FRAME_RATE_60],
];
const RATE_BY_NAME = Object.fromEntries(RATES);
const FORMATS: TimecodeFormat[] = ['seconds', 'mm:ss', 'hh:mm:ss', 'hh:mm:ss.mmm', 'smpte', 'smpte-df'];
/** Frames in 24 h at 60 fps: comfortably past every minute/hour boundary at every rate. */
const MAX_FRAME = 24 * 3600 * 60;

function parsedFrame(text: string, rate: FrameRate): number {
  const result = parseTimecode(text, rate);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.timecode.frame;
}

function parseError(text: string, rate: FrameRate): string {
  const result = parseTimecode(text, rate);
  if (result.ok) throw new Error(`expected "${text}" to fail, got frame ${result.timecode.frame}`);
  return result.error;
}

describe('parseTimecode: valid input', () => {
  it.each<[string, string, TimecodeFormat, number]>([
    // text, rate, detected format, frame
    ['754', '25', 'seconds', 18850],
    ['754.5', '30', 'seconds', 22635],
    ['754,5', '30', 'seconds', 22635],
    ['0', '29.97', 'seconds', 0],
    ['  12  ', '24', 'seconds', 288],
    ['0.04', '25', 'seconds', 1],
    ['0.02', '25', 'seconds', 1], // exactly half a frame rounds up
    ['0.019', '25', 'seconds', 0],
    ['1.001', '29.97', 'seconds', 30],
    ['3600', '29.97', 'seconds', 107892], // 107892.107… → nearest frame
    ['１２', '25', 'seconds', 300],
    ['12:34', '25', 'mm:ss', 18850],
    ['12:34.5', '30', 'mm:ss', 22635],
    ['12:34,5', '30', 'mm:ss', 22635],
    ['00:00', '60', 'mm:ss', 0],
    ['75:10', '25', 'mm:ss', 112750],
    ['1:05', '50', 'mm:ss', 3250],
    ['１２：３４', '25', 'mm:ss', 18850],
    ['01:02:03', '25', 'hh:mm:ss', 93075],
    ['1:02:03', '25', 'hh:mm:ss', 93075],
    ['01:00:00', '29.97', 'hh:mm:ss', 107892],
    ['01:00:00', '59.94', 'hh:mm:ss', 215784],
    ['100:00:00', '24', 'hh:mm:ss', 8640000],
    ['1:02:03.500', '30', 'hh:mm:ss.mmm', 111705],
    ['01:02:03,250', '24', 'hh:mm:ss.mmm', 89358],
    ['01:02:03.04', '25', 'hh:mm:ss.mmm', 93076], // dot before FF means 40 ms, not frame 4
    ['00:00:00.5', '25', 'hh:mm:ss.mmm', 13],
    ['00:00:01.0010', '29.97', 'hh:mm:ss.mmm', 30],
    ['00:00:00.0333667', '29.97', 'hh:mm:ss.mmm', 1],
    ['00:00:00.041', '23.976', 'hh:mm:ss.mmm', 1],
    ['01:02:03:04', '25', 'smpte', 93079],
    ['01:02:03:04', '24', 'smpte', 89356],
    ['01:02:03:04', '23.976', 'smpte', 89356],
    ['01:02:03:04', '29.97', 'smpte', 111694],
    ['01:02:03:04', '30', 'smpte', 111694],
    ['01:02:03:04', '50', 'smpte', 186154],
    ['01:02:03:04', '59.94', 'smpte', 223384],
    ['01:02:03:04', '60', 'smpte', 223384],
    ['00:00:00:29', '29.97', 'smpte', 29],
    ['01:00:00:00', '29.97', 'smpte', 108000], // NDF label: 30 labels per second, drifts from wall clock
    ['00:01:00:00', '29.97', 'smpte', 1800], // a label that drop-frame skips is fine without drop-frame
    ['00:00:59;29', '29.97', 'smpte-df', 1799],
    ['00:01:00;02', '29.97', 'smpte-df', 1800],
    ['00:09:59;29', '29.97', 'smpte-df', 17981],
    ['00:10:00;00', '29.97', 'smpte-df', 17982],
    ['01:00:00;00', '29.97', 'smpte-df', 107892],
    ['01:02:03;04', '29.97', 'smpte-df', 111582],
    ['01;02;03;04', '29.97', 'smpte-df', 111582],
    ['０１：００：００；００', '29.97', 'smpte-df', 107892],
    ['00:00:59;59', '59.94', 'smpte-df', 3599],
    ['00:01:00;04', '59.94', 'smpte-df', 3600],
    ['00:10:00;00', '59.94', 'smpte-df', 35964],
    ['01:00:00;00', '59.94', 'smpte-df', 215784],
  ])('"%s" at %s fps is %s frame %d', (text, rateName, format, frame) => {
    const rate = RATE_BY_NAME[rateName];
    const result = parseTimecode(text, rate);
    expect(result).toEqual({
      ok: true,
      timecode: { frame, rate, dropFrame: format === 'smpte-df', format, text: text.trim() },
    });
  });

  it('keeps the original (trimmed, not normalized) text and returns the rate reduced', () => {
    const result = parseTimecode(' \u3000１２：３４\t', { num: 50, den: 2 });
    expect(result).toEqual({
      ok: true,
      timecode: { frame: 18850, rate: FRAME_RATE_25, dropFrame: false, format: 'mm:ss', text: '１２：３４' },
    });
  });
});

describe('parseTimecode: invalid input', () => {
  it.each<[string, string, RegExp]>([
    ['', '25', /empty timecode/],
    ['   ', '25', /empty timecode/],
    ['\u3000', '25', /empty timecode/],
    ['-1', '25', /negative timecode "-1"/],
    ['-00:01', '25', /negative/],
    ['−1:00', '25', /negative/],
    ['abc', '25', /unrecognized timecode "abc": expected seconds/],
    ['12 34', '25', /unrecognized/],
    ['1:2:3', '25', /unrecognized/],
    ['12:5', '25', /unrecognized/],
    ['754.', '25', /unrecognized/],
    ['.5', '25', /unrecognized/],
    ['1e3', '25', /unrecognized/],
    ['12:34:56:78:90', '25', /unrecognized/],
    ['01:02:03.', '25', /unrecognized/],
    ['01:02:03:4', '25', /unrecognized/],
    ['01:02:03,04;05', '29.97', /unrecognized/],
    ['12:60', '25', /seconds field 60 is out of range \(00–59\) in "12:60"/],
    ['12:99.5', '25', /seconds field 99 is out of range/],
    ['01:60:00', '25', /minutes field 60 is out of range \(00–59\)/],
    ['01:00:60', '25', /seconds field 60 is out of range/],
    ['01:00:60.5', '25', /seconds field 60 is out of range/],
    ['01:60:00:00', '25', /minutes field 60 is out of range/],
    ['01:00:60:00', '25', /seconds field 60 is out of range/],
    ['01:02:03:25', '25', /frames field 25 is out of range \(00–24 at 25\/1\)/],
    ['01:02:03:24', '24', /frames field 24 is out of range \(00–23 at 24\/1\)/],
    ['01:02:03:24', '23.976', /frames field 24 is out of range \(00–23 at 24000\/1001\)/],
    ['01:02:03:30', '29.97', /frames field 30 is out of range \(00–29 at 30000\/1001\)/],
    ['01:02:03:30', '30', /frames field 30 is out of range/],
    ['01:02:03:50', '50', /frames field 50 is out of range/],
    ['01:02:03:60', '59.94', /frames field 60 is out of range \(00–59/],
    ['01:02:03:60', '60', /frames field 60 is out of range/],
    ['01:02:03;30', '29.97', /frames field 30 is out of range/],
    ['01:02:03;60', '59.94', /frames field 60 is out of range/],
    ['00:60:00;02', '29.97', /minutes field 60 is out of range/],
    ['00:01:00;00', '29.97', /drop-frame label "00:01:00;00" does not exist at 30000\/1001: ;00–;01 are skipped/],
    ['00:01:00;01', '29.97', /drop-frame label "00:01:00;01" does not exist/],
    ['00:11:00;01', '29.97', /does not exist/],
    ['01:01:00;00', '29.97', /does not exist/],
    ['00;01;00;01', '29.97', /does not exist/],
    ['00:01:00;00', '59.94', /drop-frame label "00:01:00;00" does not exist at 60000\/1001: ;00–;03 are skipped/],
    ['00:01:00;01', '59.94', /does not exist/],
    ['00:01:00;02', '59.94', /does not exist/],
    ['00:01:00;03', '59.94', /does not exist/],
    ['00:00:01;00', '25', /drop-frame timecode "00:00:01;00" needs 29\.97 .* 25\/1 has no drop-frame counting/],
    ['00:00:01;00', '23.976', /24000\/1001 has no drop-frame counting/],
    ['00:00:01;00', '24', /24\/1 has no drop-frame counting/],
    ['00:00:01;00', '30', /30\/1 has no drop-frame counting/],
    ['00:00:01;00', '50', /50\/1 has no drop-frame counting/],
    ['00:00:01;00', '60', /60\/1 has no drop-frame counting/],
    ['1'.repeat(65), '25', /too long/],
    ['99999999999999999:00:00', '25', /too large/],
    ['99999999999999', '1000/1', /too large/],
  ])('"%s" at %s fps → %s', (text, rateName, message) => {
    expect(parseError(text, RATE_BY_NAME[rateName] ?? { num: 1000, den: 1 })).toMatch(message);
  });

  it.each<[FrameRate, RegExp]>([
    [{ num: 0, den: 1 }, /invalid frame rate.*positive integers/],
    [{ num: 29.97, den: 1 }, /positive integers/],
    [{ num: 30000, den: 0 }, /positive integers/],
    [{ num: 1001, den: 1 }, /above 1000 fps/],
    [undefined as unknown as FrameRate, /invalid frame rate/],
  ])('reports the unusable rate %j instead of throwing', (rate, message) => {
    expect(parseError('00:00:01', rate)).toMatch(message);
  });

  it('reports non-string input instead of throwing', () => {
    expect(parseError(undefined as unknown as string, FRAME_RATE_25)).toMatch(/must be a string/);
    expect(parseError(42 as unknown as string, FRAME_RATE_25)).toMatch(/must be a string/);
  });

  it('never throws, whatever the text and rate', () => {
    const timecodeLike = fc.stringMatching(/^[-\d:;.,\s]{0,20}$/);
    const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), timecodeLike);
    const anyRate = fc.record({ num: fc.oneof(fc.integer(), fc.double()), den: fc.oneof(fc.integer(), fc.double()) });
    fc.assert(
      fc.property(anyText, anyRate, (text, rate) => {
        const result = parseTimecode(text, rate);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('drop-frame edge minutes', () => {
  it.each<[string, string, string]>([
    ['29.97', '00:00:59;29', '00:01:00;02'],
    ['29.97', '00:01:59;29', '00:02:00;02'],
    ['29.97', '00:09:59;29', '00:10:00;00'],
    ['29.97', '00:10:59;29', '00:11:00;02'],
    ['29.97', '00:59:59;29', '01:00:00;00'],
    ['29.97', '23:59:59;29', '24:00:00;00'],
    ['59.94', '00:00:59;59', '00:01:00;04'],
    ['59.94', '00:09:59;59', '00:10:00;00'],
    ['59.94', '00:59:59;59', '01:00:00;00'],
  ])('at %s fps the frame after %s is %s', (rateName, label, next) => {
    const rate = RATE_BY_NAME[rateName];
    const frame = parsedFrame(label, rate);
    expect(formatTimecode(frame + 1, rate, 'smpte-df')).toBe(next);
    expect(parsedFrame(next, rate)).toBe(frame + 1);
  });

  it.each([['29.97'], ['59.94']])(
    'at %s fps every frame of the first 20 minutes gets the next label that drop-frame keeps',
    (rateName) => {
      const rate = RATE_BY_NAME[rateName];
      const nominal = nominalFps(rate);
      const dropped = nominal / 15;
      // Independent reference: walk every NDF label in order and leave out the skipped ones.
      const expected: string[] = [];
      for (let minute = 0; minute < 20; minute++) {
        for (let second = 0; second < 60; second++) {
          for (let ff = 0; ff < nominal; ff++) {
            if (second === 0 && minute % 10 !== 0 && ff < dropped) continue;
            const pad = (n: number) => String(n).padStart(2, '0');
            expected.push(`00:${pad(minute)}:${pad(second)};${pad(ff)}`);
          }
        }
      }
      expect(expected).toHaveLength(2 * (nominal * 600 - 9 * dropped));
      const actual = expected.map((_, frame) => formatTimecode(frame, rate, 'smpte-df'));
      expect(actual).toEqual(expected);
      expect(expected.map((label) => parsedFrame(label, rate))).toEqual(expected.map((_, frame) => frame));
    },
  );

  it('keeps drop-frame within a frame of wall clock at every 10th minute, unlike non-drop', () => {
    const frame = parsedFrame('01:00:00;00', FRAME_RATE_29_97);
    expect(framesToSeconds(frame, FRAME_RATE_29_97)).toBeCloseTo(3599.9964, 4);
    expect(framesToSeconds(parsedFrame('01:00:00:00', FRAME_RATE_29_97), FRAME_RATE_29_97)).toBeCloseTo(3603.6, 6);
  });
});

describe('round trips: parse(format(frame)) === frame', () => {
  const frames = fc.integer({ min: 0, max: MAX_FRAME });
  const exactFormats: TimecodeFormat[] = ['seconds', 'mm:ss', 'hh:mm:ss.mmm', 'smpte', 'smpte-df'];
  const cases = RATES.flatMap(([rateName, rate]) =>
    exactFormats
      .filter((format) => format !== 'smpte-df' || supportsDropFrame(rate))
      .map((format): [TimecodeFormat, string, FrameRate] => [format, rateName, rate]),
  );

  it.each(cases)('%s at %s fps', (format, _rateName, rate) => {
    fc.assert(
      fc.property(frames, (frame) => {
        const text = formatTimecode(frame, rate, format);
        const result = parseTimecode(text, rate);
        expect(result).toMatchObject({ ok: true, timecode: { frame, format } });
      }),
      { numRuns: 500, examples: [[0], [1], [MAX_FRAME]] },
    );
  });

  it.each(RATES)(
    'hh:mm:ss at %s fps parses back to the frame nearest the whole second at or before it',
    (_name, rate) => {
      fc.assert(
        fc.property(frames, (frame) => {
          const wholeSeconds = Math.floor((frame * rate.den) / rate.num);
          const back = parsedFrame(formatTimecode(frame, rate, 'hh:mm:ss'), rate);
          expect(back).toBe(secondsToFrames(wholeSeconds, rate));
          expect(back).toBeLessThanOrEqual(frame);
          expect(frame - back).toBeLessThanOrEqual(nominalFps(rate));
        }),
        { numRuns: 500 },
      );
    },
  );

  it('seconds, mm:ss and hh:mm:ss.mmm round-trip at any rate up to 1000 fps', () => {
    const rates = fc
      .record({ num: fc.integer({ min: 1, max: 1_000_000 }), den: fc.integer({ min: 1, max: 1001 }) })
      .filter(({ num, den }) => num / den <= 1000);
    fc.assert(
      fc.property(
        rates,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(...exactFormats.slice(0, 3)),
        (rate, frame, format) => {
          expect(parsedFrame(formatTimecode(frame, rate, format), rate)).toBe(frame);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([['29.97'], ['59.94'], ['25']])('every valid SMPTE label at %s fps formats back to itself', (rateName) => {
    const rate = RATE_BY_NAME[rateName];
    const nominal = nominalFps(rate);
    const label = fc.record({
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      frames: fc.integer({ min: 0, max: nominal - 1 }),
      dropFrame: fc.boolean(),
    });
    fc.assert(
      fc.property(label, ({ hours, minutes, seconds, frames, dropFrame }) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const text = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${dropFrame ? ';' : ':'}${pad(frames)}`;
        const result = parseTimecode(text, rate);
        const skipped = dropFrame && seconds === 0 && minutes % 10 !== 0 && frames < nominal / 15;
        if (!result.ok) {
          expect(skipped || (dropFrame && !supportsDropFrame(rate))).toBe(true);
          return;
        }
        expect(formatTimecode(result.timecode.frame, rate, dropFrame ? 'smpte-df' : 'smpte')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatTimecode', () => {
  it.each<[number, string, TimecodeFormat, string]>([
    [0, '25', 'seconds', '0'],
    [25, '25', 'seconds', '1'],
    [18862, '25', 'seconds', '754.48'],
    [22635, '30', 'seconds', '754.5'],
    [30, '29.97', 'seconds', '1.001'],
    [1, '29.97', 'seconds', '0.033'],
    [1, '59.94', 'seconds', '0.017'],
    [107892, '29.97', 'seconds', '3599.996'],
    [0, '25', 'mm:ss', '00:00'],
    [18850, '25', 'mm:ss', '12:34'],
    [22635, '30', 'mm:ss', '12:34.5'],
    [112750, '25', 'mm:ss', '75:10'],
    [1, '24', 'mm:ss', '00:00.042'],
    [0, '25', 'hh:mm:ss', '00:00:00'],
    [93079, '25', 'hh:mm:ss', '01:02:03'],
    [29, '29.97', 'hh:mm:ss', '00:00:00'],
    [30, '29.97', 'hh:mm:ss', '00:00:01'],
    [107892, '29.97', 'hh:mm:ss', '00:59:59'],
    [8640000, '24', 'hh:mm:ss', '100:00:00'],
    [0, '60', 'hh:mm:ss.mmm', '00:00:00.000'],
    [111705, '30', 'hh:mm:ss.mmm', '01:02:03.500'],
    [107892, '29.97', 'hh:mm:ss.mmm', '00:59:59.996'],
    [1, '23.976', 'hh:mm:ss.mmm', '00:00:00.042'],
    [93079, '25', 'smpte', '01:02:03:04'],
    [89356, '23.976', 'smpte', '01:02:03:04'],
    [89356, '24', 'smpte', '01:02:03:04'],
    [108000, '29.97', 'smpte', '01:00:00:00'],
    [107892, '29.97', 'smpte', '00:59:56:12'],
    [111694, '30', 'smpte', '01:02:03:04'],
    [186154, '50', 'smpte', '01:02:03:04'],
    [223384, '59.94', 'smpte', '01:02:03:04'],
    [223384, '60', 'smpte', '01:02:03:04'],
    [0, '29.97', 'smpte-df', '00:00:00;00'],
    [1800, '29.97', 'smpte-df', '00:01:00;02'],
    [17982, '29.97', 'smpte-df', '00:10:00;00'],
    [107892, '29.97', 'smpte-df', '01:00:00;00'],
    [111582, '29.97', 'smpte-df', '01:02:03;04'],
    [3600, '59.94', 'smpte-df', '00:01:00;04'],
    [215784, '59.94', 'smpte-df', '01:00:00;00'],
  ])('frame %d at %s fps as %s → %s', (frame, rateName, format, expected) => {
    expect(formatTimecode(frame, RATE_BY_NAME[rateName], format)).toBe(expected);
  });

  it('pads SMPTE frames to 3 digits above 100 fps', () => {
    expect(formatTimecode(1, { num: 1000, den: 1 }, 'smpte')).toBe('00:00:00:001');
    expect(parsedFrame('00:00:00:001', { num: 1000, den: 1 })).toBe(1);
    expect(formatTimecode(119, { num: 120000, den: 1001 }, 'smpte')).toBe('00:00:00:119');
  });

  it.each(RATES.filter(([, rate]) => !supportsDropFrame(rate)))('refuses smpte-df at %s fps', (_name, rate) => {
    expect(() => formatTimecode(0, rate, 'smpte-df')).toThrow(TimecodeError);
    expect(() => formatTimecode(0, rate, 'smpte-df')).toThrow(/has no drop-frame counting/);
  });

  it.each<[number, RegExp]>([
    [-1, /non-negative integer/],
    [1.5, /non-negative integer/],
    [NaN, /non-negative integer/],
    [Number.MAX_SAFE_INTEGER + 1, /non-negative integer/],
  ])('refuses frame %d', (frame, message) => {
    for (const format of FORMATS) expect(() => formatTimecode(frame, FRAME_RATE_25, format)).toThrow(message);
  });

  it('refuses an unknown format and an unusable rate', () => {
    expect(() => formatTimecode(0, FRAME_RATE_25, 'frames' as TimecodeFormat)).toThrow(/unknown timecode format/);
    expect(() => formatTimecode(0, { num: 0, den: 1 }, 'seconds')).toThrow(/invalid frame rate/);
  });
});

describe('framesToSeconds / secondsToFrames', () => {
  it.each<[number, string, number]>([
    [0, '25', 0],
    [25, '25', 1],
    [30, '29.97', 1.001],
    [107892, '29.97', 3599.9964],
    [24, '23.976', 1.001],
    [60, '59.94', 1.001],
    [90, '60', 1.5],
  ])('frame %d at %s fps is %d s, and back', (frame, rateName, seconds) => {
    const rate = RATE_BY_NAME[rateName];
    expect(framesToSeconds(frame, rate)).toBeCloseTo(seconds, 9);
    expect(secondsToFrames(seconds, rate)).toBe(frame);
  });

  it('rounds to the nearest frame', () => {
    expect(secondsToFrames(0.019, FRAME_RATE_25)).toBe(0);
    expect(secondsToFrames(0.021, FRAME_RATE_25)).toBe(1);
    expect(secondsToFrames(3600, FRAME_RATE_29_97)).toBe(107892);
  });

  it.each(RATES)('secondsToFrames(framesToSeconds(f)) === f at %s fps', (_name, rate) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FRAME }), (frame) => {
        expect(secondsToFrames(framesToSeconds(frame, rate), rate)).toBe(frame);
      }),
      { numRuns: 500 },
    );
  });

  it.each([[-1], [NaN], [Infinity]])('secondsToFrames refuses %d', (seconds) => {
    expect(() => secondsToFrames(seconds, FRAME_RATE_25)).toThrow(/non-negative finite/);
  });
});
