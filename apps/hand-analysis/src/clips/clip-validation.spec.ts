import { FRAME_RATE_25, FRAME_RATE_29_97, FrameRate } from '@pokervod/timecode';
import { clipVideoFacts, formatLength, rateOf, validateClip } from './clip-validation';

const context = (overrides: { rate?: FrameRate; videoDurationS?: number | null; maxClipSeconds?: number } = {}) => ({
  rate: FRAME_RATE_29_97,
  videoDurationS: null,
  maxClipSeconds: 1800,
  ...overrides,
});

describe('validateClip', () => {
  it.each([
    // in, out, rate, in frame, out frame, drop-frame
    ['00:01:00', '00:02:00', FRAME_RATE_29_97, 1798, 3596, false],
    ['0:01:00.500', '0:01:10.250', FRAME_RATE_29_97, 1813, 2105, false],
    ['12:34', '12:50', FRAME_RATE_29_97, 22597, 23077, false],
    ['754.5', '800', FRAME_RATE_29_97, 22612, 23976, false],
    ['00:01:00:00', '00:01:10:15', FRAME_RATE_29_97, 1800, 2115, false],
    ['00:01:00;02', '00:01:10;00', FRAME_RATE_29_97, 1800, 2098, true],
    ['00:01:00;02', '00:01:10', FRAME_RATE_29_97, 1800, 2098, true],
    ['00:00:10:24', '00:00:20:00', FRAME_RATE_25, 274, 500, false],
    [' ００:０１:００ ', '00:02:00', FRAME_RATE_29_97, 1798, 3596, false],
  ])('%j → %j at %o is valid', (tcIn, tcOut, rate, inFrame, outFrame, dropFrame) => {
    const result = validateClip(tcIn, tcOut, context({ rate }));
    expect(result).toMatchObject({ status: 'valid', reasons: [], inFrame, outFrame, dropFrame });
    expect(result.durationS).toBeCloseTo(((outFrame - inFrame) * rate.den) / rate.num, 9);
  });

  it.each([
    ['00:02:00', '00:01:00', {}, ['out 00:01:00 is before in 00:02:00']],
    ['00:01:00', '00:01:00', {}, ['out 00:01:00 is the same as in: the clip is empty']],
    ['00:50:00', '01:10:00', { videoDurationS: 3600 }, ['out 01:10:00 is past the end of the video (3600.0 s)']],
    [
      '01:05:00',
      '00:50:00',
      { videoDurationS: 3600 },
      ['out 00:50:00 is before in 01:05:00', 'in 01:05:00 is past the end of the video (3600.0 s)'],
    ],
    ['00:00:00', '00:45:00', {}, ['clip is 45 min long, longer than the 30 min maximum (HANDS_MAX_CLIP_SECONDS)']],
    [
      '00:00:00',
      '00:02:30',
      { maxClipSeconds: 90 },
      ['clip is 2.5 min long, longer than the 1.5 min maximum (HANDS_MAX_CLIP_SECONDS)'],
    ],
    ['', '00:01:00', {}, ['in: no timecode given']],
  ])('%j → %j (%o) is invalid: %j', (tcIn, tcOut, overrides, reasons) => {
    expect(validateClip(tcIn, tcOut, context(overrides))).toMatchObject({ status: 'invalid', reasons });
  });

  it('keeps an unparseable timecode as an invalid clip without frames, saying what is wrong', () => {
    const result = validateClip('abc', '00:01:00', context());
    expect(result).toMatchObject({ status: 'invalid', inFrame: null, outFrame: 1798, durationS: null });
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toMatch(/^in: unrecognized timecode "abc": expected /);
  });

  it.each([
    ['-00:00:05', /^in: negative timecode "-00:00:05" is not allowed/],
    ['00:01:00;00', /^in: drop-frame label "00:01:00;00" does not exist/],
  ])('refuses %j', (tcIn, reason) => {
    const result = validateClip(tcIn, '00:02:00', context());
    expect(result.inFrame).toBeNull();
    expect(result.reasons[0]).toMatch(reason);
  });

  it('refuses a drop-frame timecode at a rate without drop-frame counting', () => {
    const result = validateClip('00:00:10;00', '00:00:20:00', context({ rate: FRAME_RATE_25 }));
    expect(result.status).toBe('invalid');
    expect(result.reasons[0]).toMatch(/^in: drop-frame timecode "00:00:10;00" needs 29\.97/);
  });

  it('accepts a clip that ends at the very end of the video', () => {
    expect(validateClip('00:59:00', '01:00:00', context({ videoDurationS: 3600 }))).toMatchObject({
      status: 'valid',
    });
    expect(validateClip('00:59:00', '01:00:01', context({ videoDurationS: 3600 })).status).toBe('invalid');
  });

  it('reads SMPTE frames with the video rate', () => {
    expect(validateClip('00:00:01:20', '00:00:02:00', context({ rate: FRAME_RATE_25 })).inFrame).toBe(45);
    expect(validateClip('00:00:01:28', '00:00:02:00', context({ rate: FRAME_RATE_25 })).reasons[0]).toMatch(
      /^in: frames field 28 is out of range/,
    );
  });
});

describe('formatLength', () => {
  it.each([
    [12, '12 s'],
    [59.94, '59.9 s'],
    [60, '1 min'],
    [2700, '45 min'],
    [1830, '30.5 min'],
  ])('%d s → %j', (seconds, text) => expect(formatLength(seconds)).toBe(text));
});

describe('clipVideoFacts', () => {
  const video = { durationS: 3600, rate: FRAME_RATE_25 };

  it('prefers the request’s media, then the video read model, then the default rate', () => {
    expect(clipVideoFacts({ duration_s: 100, frame_rate: '60000/1001', fps: 59.94 }, video, FRAME_RATE_29_97)).toEqual({
      rate: { num: 60000, den: 1001 },
      durationS: 100,
    });
    expect(clipVideoFacts(null, video, FRAME_RATE_29_97)).toEqual({ rate: FRAME_RATE_25, durationS: 3600 });
    expect(clipVideoFacts({ duration_s: null, frame_rate: null, fps: null }, video, FRAME_RATE_29_97)).toEqual({
      rate: FRAME_RATE_25,
      durationS: 3600,
    });
    expect(clipVideoFacts(undefined, null, FRAME_RATE_29_97)).toEqual({ rate: FRAME_RATE_29_97, durationS: null });
  });

  it('reads the rate from fps when the exact fraction is missing, and skips unusable values', () => {
    expect(rateOf({ duration_s: null, frame_rate: null, fps: 29.97 })).toEqual(FRAME_RATE_29_97);
    expect(rateOf({ duration_s: null, frame_rate: '0/0', fps: 25 })).toEqual(FRAME_RATE_25);
    expect(rateOf({ duration_s: 10, frame_rate: null, fps: 0 })).toBeNull();
  });
});
