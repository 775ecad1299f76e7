import { describe, expect, it } from 'vitest';
import { frameAt, frameClock, rateLabel, seekTimeOf, smpteOf, startOf } from './frame-clock';

describe('frameClock', () => {
  it('reads the exact rate and keeps drop-frame only where SMPTE has it', () => {
    expect(frameClock('30000/1001')).toMatchObject({ rate: { num: 30000, den: 1001 }, dropFrame: true });
    expect(frameClock('30000/1001', false)?.dropFrame).toBe(false);
    expect(frameClock('60000/1001')?.dropFrame).toBe(true);
    expect(frameClock('25/1')?.dropFrame).toBe(false);
    expect(frameClock('60')?.dropFrame).toBe(false);
    expect(frameClock('nonsense')).toBeNull();
    expect(frameClock(null)).toBeNull();
  });
});

describe('frame arithmetic', () => {
  const ntsc = frameClock('30000/1001')!;
  const pal = frameClock('25/1')!;

  it('finds the frame at a time, with a frame start belonging to its own frame', () => {
    expect(frameAt(pal, 0)).toBe(0);
    expect(frameAt(pal, 0.039)).toBe(0);
    expect(frameAt(pal, 0.04)).toBe(1);
    expect(frameAt(pal, 1)).toBe(25);
    // 1001/30000 × 3 = 0.1001 s is the start of frame 3 even though the float product is 2.9999…
    expect(frameAt(ntsc, (3 * 1001) / 30000)).toBe(3);
    for (let f = 0; f < 5000; f += 7) expect(frameAt(ntsc, startOf(ntsc, f))).toBe(f);
    expect(frameAt(ntsc, NaN)).toBe(0);
  });

  it('seeks just after a frame start and lands in that frame', () => {
    for (const clock of [ntsc, pal, frameClock('60000/1001')!, frameClock('24000/1001')!]) {
      for (let f = 0; f < 3000; f += 13) {
        const t = seekTimeOf(clock, f);
        expect(frameAt(clock, t)).toBe(f);
        expect(t - startOf(clock, f)).toBeLessThan(1 / clock.fps / 10);
      }
    }
  });
});

describe('smpteOf', () => {
  it('labels 29.97 in drop-frame, skipping ;00 and ;01 at the minute', () => {
    const ntsc = frameClock('30000/1001')!;
    expect(smpteOf(ntsc, 0)).toBe('00:00:00;00');
    expect(smpteOf(ntsc, 1799)).toBe('00:00:59;29');
    expect(smpteOf(ntsc, 1800)).toBe('00:01:00;02');
    expect(smpteOf(ntsc, 17982)).toBe('00:10:00;00');
    expect(smpteOf(ntsc, 107892)).toBe('01:00:00;00');
  });

  it('labels non-drop rates with colons', () => {
    expect(smpteOf(frameClock('25/1')!, 25 * 3600 + 25 * 61 + 3)).toBe('01:01:01:03');
    expect(smpteOf(frameClock('30000/1001', false)!, 1800)).toBe('00:01:00:00');
    expect(smpteOf(frameClock('60/1')!, 59)).toBe('00:00:00:59');
  });

  it('names the rate', () => {
    expect(rateLabel(frameClock('30000/1001')!)).toBe('29.97 fps DF');
    expect(rateLabel(frameClock('25/1')!)).toBe('25 fps');
    expect(rateLabel(frameClock('24000/1001')!)).toBe('23.976 fps');
  });
});
