import fc from 'fast-check';
import { FrameRate, frameRateToNumber } from './frame-rate';
import { FRAME_RATE_SNAP_TOLERANCE, STANDARD_FRAME_RATES, snapFrameRate } from './snap-frame-rate';

describe('snapFrameRate', () => {
  it.each<[string | number | FrameRate, string | null]>([
    // Matroska's millisecond timestamps, as ffprobe reports them
    ['19001/317', '60000/1001'],
    ['7001/146', '48000/1001'],
    // Two-decimal and otherwise rounded spellings of the NTSC rates
    ['2997/100', '30000/1001'],
    ['5994/100', '60000/1001'],
    ['2398/100', '24000/1001'],
    ['23.976', '24000/1001'],
    [29.97, '30000/1001'],
    ['47.952', '48000/1001'],
    // An average over a long file, a hair off
    ['1798200/60001', '30000/1001'],
    ['249999/10000', '25/1'],
    // Already exact: unchanged (reduced)
    ['60000/1001', '60000/1001'],
    ['30000/1001', '30000/1001'],
    ['24000/1001', '24000/1001'],
    ['24/1', '24/1'],
    ['25/1', '25/1'],
    ['50/2', '25/1'],
    ['30/1', '30/1'],
    ['48/1', '48/1'],
    ['50/1', '50/1'],
    ['60/1', '60/1'],
    [{ num: 120000, den: 2002 }, '60000/1001'],
    // Near no standard rate: kept as probed
    ['12/1', '12/1'],
    ['15/1', '15/1'],
    ['10798/181', '10798/181'], // a variable-rate phone clip's average, 59.66
    ['120/1', '120/1'],
    ['2995/100', '599/20'], // 29.95: 0.07 % below 29.97
    ['29985/1000', '5997/200'], // halfway between 29.97 and 30: not guessed
    // No rate at all
    ['0/0', null],
    ['0/1', null],
    ['1/0', null],
    ['N/A', null],
    ['', null],
    ['abc', null],
    ['-25/1', null],
    [Number.NaN, null],
    [{ num: 0, den: 0 }, null],
    [{ num: 25.5, den: 1 }, null],
    [null as unknown as string, null],
  ])('%j → %s', (raw, expected) => {
    const rate = snapFrameRate(raw);
    expect(rate === null ? null : `${rate.num}/${rate.den}`).toBe(expected);
  });

  it('snaps every rate within the tolerance of a standard rate to it, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STANDARD_FRAME_RATES),
        fc.double({ min: -3 * FRAME_RATE_SNAP_TOLERANCE, max: 3 * FRAME_RATE_SNAP_TOLERANCE, noNaN: true }),
        (standard, offset) => {
          const target = frameRateToNumber(standard);
          const raw = { num: Math.round(target * (1 + offset) * 1e6), den: 1e6 };
          const relative = Math.abs(raw.num / raw.den - target) / target;
          const snapped = snapFrameRate(raw);
          if (relative <= FRAME_RATE_SNAP_TOLERANCE * 0.999) expect(snapped).toEqual(standard);
          if (relative > FRAME_RATE_SNAP_TOLERANCE * 1.001) expect(snapped).not.toEqual(standard);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves a snapped rate as it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 240_000 }), fc.integer({ min: 1, max: 1001 }), (num, den) => {
        const once = snapFrameRate({ num, den });
        if (once !== null) expect(snapFrameRate(once)).toEqual(once);
      }),
    );
  });

  it('no two standard rates are within twice the tolerance of each other (a snap is never ambiguous)', () => {
    const rates = STANDARD_FRAME_RATES.map(frameRateToNumber);
    for (const a of rates)
      for (const b of rates)
        if (a !== b) expect(Math.abs(a - b) / Math.max(a, b)).toBeGreaterThan(2 * FRAME_RATE_SNAP_TOLERANCE);
  });
});
