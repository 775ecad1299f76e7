import { FRAME_RATE_25, FRAME_RATE_29_97, FRAME_RATE_59_94, FrameRate } from '@pokervod/timecode';
import { clipVideoFacts, formatLength, rateOf, snappedRate, validateClip } from './clip-validation';

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
    expect(
      clipVideoFacts(
        { duration_s: 100, frame_rate: '60000/1001', fps: 59.94, frame_rate_raw: null },
        video,
        FRAME_RATE_29_97,
      ),
    ).toEqual({
      rate: { num: 60000, den: 1001 },
      durationS: 100,
    });
    expect(clipVideoFacts(null, video, FRAME_RATE_29_97)).toEqual({ rate: FRAME_RATE_25, durationS: 3600 });
    expect(
      clipVideoFacts({ duration_s: null, frame_rate: null, fps: null, frame_rate_raw: null }, video, FRAME_RATE_29_97),
    ).toEqual({
      rate: FRAME_RATE_25,
      durationS: 3600,
    });
    expect(clipVideoFacts(undefined, null, FRAME_RATE_29_97)).toEqual({ rate: FRAME_RATE_29_97, durationS: null });
  });

  it('reads the rate from fps when the exact fraction is missing, and skips unusable values', () => {
    expect(rateOf({ duration_s: null, frame_rate: null, fps: 29.97, frame_rate_raw: null })).toEqual(FRAME_RATE_29_97);
    expect(rateOf({ duration_s: null, frame_rate: '0/0', fps: 25, frame_rate_raw: null })).toEqual(FRAME_RATE_25);
    expect(rateOf({ duration_s: 10, frame_rate: null, fps: 0, frame_rate_raw: null })).toBeNull();
  });
});

describe('probed rates near a standard rate', () => {
  // A 59.94 fps MKV as an older nas.file.* event carried it: ffprobe's short fraction of Matroska's ms timestamps.
  const olderMkv = { duration_s: 3900, frame_rate: '19001/317', fps: 59.94, frame_rate_raw: null };

  it('counts frames at 60000/1001 for a 19001/317 media summary and accepts drop-frame labels', () => {
    const { rate, durationS } = clipVideoFacts(olderMkv, null, FRAME_RATE_29_97);
    expect(rate).toEqual(FRAME_RATE_59_94);
    expect(durationS).toBe(3900);

    const result = validateClip('01:02:03;04', '01:02:33;00', {
      rate,
      videoDurationS: durationS,
      maxClipSeconds: 1800,
    });
    // 59.94 drop-frame drops 4 labels a minute except every tenth: 62 minutes → 4 × (62 − 6) = 224 dropped.
    const label = (h: number, m: number, s: number, f: number) => ((h * 60 + m) * 60 + s) * 60 + f;
    expect(result).toMatchObject({
      status: 'valid',
      reasons: [],
      dropFrame: true,
      inFrame: label(1, 2, 3, 4) - 224,
      outFrame: label(1, 2, 33, 0) - 224,
    });
    expect(result.durationS).toBeCloseTo(((label(1, 2, 33, 0) - label(1, 2, 3, 4)) * 1001) / 60000, 9);
  });

  it('would refuse those labels at the raw rate (what snapping fixes)', () => {
    const raw = { num: 19001, den: 317 };
    const result = validateClip('01:02:03;04', '01:02:33;00', context({ rate: raw }));
    expect(result.status).toBe('invalid');
    expect(result.reasons).toHaveLength(2);
    expect(result.reasons[0]).toMatch(/^in: .*drop-frame/i);
  });

  it.each([
    ['19001/317', FRAME_RATE_59_94],
    ['2997/100', FRAME_RATE_29_97],
    ['60000/1001', FRAME_RATE_59_94],
    ['25/1', FRAME_RATE_25],
    ['12/1', { num: 12, den: 1 }],
  ])('rateOf reads frame_rate %s as %o', (frameRate, expected) => {
    expect(rateOf({ duration_s: null, frame_rate: frameRate, fps: null, frame_rate_raw: null })).toEqual(expected);
  });

  it('snaps rates read from the fps number and stored rates the same way', () => {
    expect(rateOf({ duration_s: null, frame_rate: null, fps: 59.9401, frame_rate_raw: null })).toEqual(
      FRAME_RATE_59_94,
    );
    expect(snappedRate({ num: 19001, den: 317 })).toEqual(FRAME_RATE_59_94);
    expect(snappedRate(FRAME_RATE_59_94)).toEqual(FRAME_RATE_59_94);
    expect(snappedRate({ num: 5997, den: 200 })).toEqual({ num: 5997, den: 200 });
  });
});
