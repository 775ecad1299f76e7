import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { MediaInfo } from './media-info';
import { FFPROBE_NOT_AVAILABLE, findFfprobe, MediaProber, ProbeError, type ProbeLogger } from './media-probe';

const media: MediaInfo = {
  duration_s: 2,
  frame_rate: '25/1',
  fps: 25,
  frame_rate_raw: null,
  width: 320,
  height: 180,
  video_codec: 'h264',
  audio_codec: 'aac',
  container: 'mp4',
};

function fakeLogger(): ProbeLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(`log: ${m}`), warn: (m) => lines.push(`warn: ${m}`) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('findFfprobe', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'find-ffprobe-'));
    for (const sub of ['a', 'b', 'c']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'a', 'ffprobe'), 'not executable');
    writeFileSync(join(dir, 'b', 'ffprobe'), '#!/bin/sh\n');
    chmodSync(join(dir, 'b', 'ffprobe'), 0o755);
    writeFileSync(join(dir, 'c', 'my-ffprobe'), '#!/bin/sh\n');
    chmodSync(join(dir, 'c', 'my-ffprobe'), 0o755);
    mkdirSync(join(dir, 'c', 'ffprobe')); // a folder with the right name is not a binary
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pathOf = (...subs: string[]) => subs.map((s) => join(dir, s)).join(delimiter);

  it('takes the first executable ffprobe on PATH', async () => {
    expect(await findFfprobe({ PATH: pathOf('c', 'a', 'b') })).toBe(join(dir, 'b', 'ffprobe'));
  });

  it('gives null when PATH has none', async () => {
    expect(await findFfprobe({ PATH: pathOf('a', 'c') })).toBeNull();
    expect(await findFfprobe({})).toBeNull();
  });

  it('FFPROBE_PATH overrides PATH, and a wrong one does not fall back', async () => {
    const env = { PATH: pathOf('b') };
    expect(await findFfprobe({ ...env, FFPROBE_PATH: join(dir, 'c', 'my-ffprobe') })).toBe(
      join(dir, 'c', 'my-ffprobe'),
    );
    expect(await findFfprobe({ ...env, FFPROBE_PATH: join(dir, 'nope', 'ffprobe') })).toBeNull();
    expect(await findFfprobe({ ...env, FFPROBE_PATH: join(dir, 'a', 'ffprobe') })).toBeNull();
    expect(await findFfprobe({ ...env, FFPROBE_PATH: '  ' })).toBe(join(dir, 'b', 'ffprobe'));
  });

  it('a bare FFPROBE_PATH name is looked up on PATH', async () => {
    expect(await findFfprobe({ PATH: pathOf('b', 'c'), FFPROBE_PATH: 'my-ffprobe' })).toBe(
      join(dir, 'c', 'my-ffprobe'),
    );
  });
});

describe('MediaProber', () => {
  it('without ffprobe: one log line, every probe answers "ffprobe not available", nothing runs', async () => {
    const logger = fakeLogger();
    const runner = jest.fn();
    const prober = new MediaProber({ ffprobePath: null, logger, runner });
    expect(prober.available).toBe(false);
    const results = await Promise.all(['/a.mp4', '/b.mp4', '/c.mp4'].map((p) => prober.probe(p)));
    for (const result of results)
      expect(result).toEqual({ ok: false, error: FFPROBE_NOT_AVAILABLE, kind: 'unavailable' });
    expect(runner).not.toHaveBeenCalled();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn: .*ffprobe not found/);
  });

  it('with ffprobe: passes path and options to the runner and returns its answer', async () => {
    const logger = fakeLogger();
    const runner = jest.fn().mockResolvedValue(media);
    const prober = new MediaProber({ ffprobePath: '/usr/bin/ffprobe', timeoutMs: 1234, logger, runner });
    expect(prober.available).toBe(true);
    expect(await prober.probe('/nas/a.mp4')).toEqual({ ok: true, media });
    expect(runner).toHaveBeenCalledWith('/nas/a.mp4', { ffprobePath: '/usr/bin/ffprobe', timeoutMs: 1234 });
    expect(logger.lines).toEqual([expect.stringMatching(/^log: media probe: \/usr\/bin\/ffprobe/)]);
  });

  it('records failures instead of throwing, ProbeError or not', async () => {
    const runner = jest
      .fn()
      .mockRejectedValueOnce(new ProbeError('timeout', '/nas/x.mp4', 'ffprobe timed out after 5 ms on /nas/x.mp4'))
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValueOnce(media);
    const prober = new MediaProber({ ffprobePath: 'ffprobe', runner });
    expect(await prober.probe('/nas/x.mp4')).toEqual({
      ok: false,
      error: 'ffprobe timed out after 5 ms on /nas/x.mp4',
      kind: 'timeout',
    });
    expect(await prober.probe('/nas/y.mp4')).toEqual({
      ok: false,
      error: 'cannot probe /nas/y.mp4: Error: boom',
      kind: 'ffprobe_failed',
    });
    expect(await prober.probe('/nas/z.mp4')).toEqual({ ok: true, media });
    expect(prober.stats).toEqual({ probed: 3, failed: 2, running: 0, queued: 0 });
  });

  it.each([1, 3])('never runs more than %i at once, and runs them all in arrival order', async (concurrency) => {
    let running = 0;
    let peak = 0;
    const started: string[] = [];
    const runner = async (path: string) => {
      started.push(path);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      if (path.endsWith('7.mp4')) throw new ProbeError('not_media', path, 'not media');
      return media;
    };
    const prober = new MediaProber({ ffprobePath: 'ffprobe', concurrency, runner });
    const paths = Array.from({ length: 10 }, (_, i) => `/nas/${i}.mp4`);
    const pending = Promise.all(paths.map((p) => prober.probe(p)));
    // Slots are taken synchronously on the call: the first `concurrency` run, the rest wait.
    expect(prober.stats).toMatchObject({ running: concurrency, queued: 10 - concurrency });
    const results = await pending;
    expect(peak).toBe(concurrency);
    expect(started).toEqual(paths);
    expect(results.filter((r) => r.ok)).toHaveLength(9);
    expect(prober.stats).toEqual({ probed: 10, failed: 1, running: 0, queued: 0 });
  });

  it('rejects nonsense settings', () => {
    expect(() => new MediaProber({ ffprobePath: 'ffprobe', concurrency: 0 })).toThrow(RangeError);
    expect(() => new MediaProber({ ffprobePath: 'ffprobe', concurrency: 1.5 })).toThrow(RangeError);
    expect(() => new MediaProber({ ffprobePath: 'ffprobe', timeoutMs: 0 })).toThrow(RangeError);
  });

  it('create() looks ffprobe up unless told', async () => {
    const prober = await MediaProber.create({ ffprobePath: null });
    expect(prober.available).toBe(false);
  });
});
