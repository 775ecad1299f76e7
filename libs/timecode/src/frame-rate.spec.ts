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
  formatFrameRate,
  FrameRate,
  frameRateToNumber,
  nominalFps,
  parseFrameRate,
  supportsDropFrame,
  TimecodeError,
} from './frame-rate';

describe('parseFrameRate', () => {
  it.each<[string | number, number, number]>([
    ['30000/1001', 30000, 1001],
    [' 30000 / 1001 ', 30000, 1001],
    ['29.97', 30000, 1001],
    ['29.970', 30000, 1001],
    [29.97, 30000, 1001],
    ['25', 25, 1],
    [25, 25, 1],
    ['25.0', 25, 1],
    ['50/2', 25, 1],
    ['24', 24, 1],
    ['30', 30, 1],
    ['50', 50, 1],
    ['60', 60, 1],
    ['59.94', 60000, 1001],
    [59.94, 60000, 1001],
    ['60000/1001', 60000, 1001],
    ['23.976', 24000, 1001],
    ['23.98', 24000, 1001],
    [23.976, 24000, 1001],
    ['24000/1001', 24000, 1001],
    ['47.952', 48000, 1001],
    ['119.88', 120000, 1001],
    ['12.5', 25, 2],
    ['29.9', 299, 10],
    ['１２．５', 25, 2],
    ['1000', 1000, 1],
    [0.5, 1, 2],
  ])('%j → %d/%d', (input, num, den) => {
    expect(parseFrameRate(input)).toEqual({ num, den });
  });

  it.each<[unknown, RegExp]>([
    ['', /invalid frame rate ""/],
    ['abc', /expected e\.g\. 25, 29\.97 or 30000\/1001/],
    ['29.97fps', /invalid frame rate "29\.97fps"/],
    ['-25', /invalid frame rate "-25"/],
    ['25/1/1', /invalid frame rate/],
    ['1e3', /invalid frame rate/],
    ['0', /must be above 0/],
    ['0/1001', /must be above 0/],
    ['0.0', /must be above 0/],
    [0, /must be above 0/],
    [-25, /must be above 0/],
    [0.0000001, /must be above 0/],
    ['30000/0', /zero denominator/],
    ['1001', /above 1000 fps/],
    [1000.5, /above 1000 fps/],
    ['2000/1', /above 1000 fps/],
    [NaN, /invalid frame rate NaN/],
    [Infinity, /invalid frame rate Infinity/],
    [null, /invalid frame rate null/],
  ])('rejects %j (%s)', (input, message) => {
    expect(() => parseFrameRate(input as string)).toThrow(TimecodeError);
    expect(() => parseFrameRate(input as string)).toThrow(message);
  });

  it('always returns a reduced fraction equal in value to num/den', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), (num, den) => {
        fc.pre(num / den <= 1000);
        const rate = parseFrameRate(`${num}/${den}`);
        expect(rate.num * den).toBe(num * rate.den);
        const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
        expect(gcd(rate.num, rate.den)).toBe(1);
      }),
    );
  });
});

const CONSTANTS: Array<[string, FrameRate, string, number, number, boolean]> = [
  // name, constant, formatted, nominal fps, approx number, drop-frame
  ['23.976', FRAME_RATE_23_976, '24000/1001', 24, 23.976, false],
  ['24', FRAME_RATE_24, '24/1', 24, 24, false],
  ['25', FRAME_RATE_25, '25/1', 25, 25, false],
  ['29.97', FRAME_RATE_29_97, '30000/1001', 30, 29.97, true],
  ['30', FRAME_RATE_30, '30/1', 30, 30, false],
  ['50', FRAME_RATE_50, '50/1', 50, 50, false],
  ['59.94', FRAME_RATE_59_94, '60000/1001', 60, 59.94, true],
  ['60', FRAME_RATE_60, '60/1', 60, 60, false],
];

describe.each(CONSTANTS)('FRAME_RATE_%s', (name, rate, formatted, nominal, approx, dropFrame) => {
  it(`formats as ${formatted} and parses back from both spellings`, () => {
    expect(formatFrameRate(rate)).toBe(formatted);
    expect(parseFrameRate(formatted)).toEqual(rate);
    expect(parseFrameRate(name)).toEqual(rate);
  });

  it(`is about ${approx} fps with nominal ${nominal} and drop-frame ${dropFrame}`, () => {
    expect(frameRateToNumber(rate)).toBeCloseTo(approx, 2);
    expect(nominalFps(rate)).toBe(nominal);
    expect(supportsDropFrame(rate)).toBe(dropFrame);
  });
});

describe('formatFrameRate', () => {
  it('reduces and rejects unusable rates', () => {
    expect(formatFrameRate({ num: 60000, den: 2002 })).toBe('30000/1001');
    expect(() => formatFrameRate({ num: 0, den: 1 })).toThrow(/invalid frame rate/);
    expect(() => formatFrameRate({ num: 29.97, den: 1 })).toThrow(/positive integers/);
    expect(() => formatFrameRate({ num: 2001, den: 2 })).toThrow(/above 1000 fps/);
  });
});

describe('supportsDropFrame', () => {
  it.each<[FrameRate, boolean]>([
    [{ num: 60000, den: 2002 }, true],
    [{ num: 120000, den: 2002 }, true],
    [{ num: 24000, den: 1001 }, false],
    [{ num: 120000, den: 1001 }, false],
    [{ num: 2997, den: 100 }, false],
  ])('%j → %s', (rate, expected) => {
    expect(supportsDropFrame(rate)).toBe(expected);
  });
});

describe('nominalFps', () => {
  it.each<[FrameRate, number]>([
    [{ num: 25, den: 2 }, 13],
    [{ num: 120000, den: 1001 }, 120],
    [{ num: 1000, den: 1 }, 1000],
  ])('%j → %d', (rate, expected) => {
    expect(nominalFps(rate)).toBe(expected);
  });
});
