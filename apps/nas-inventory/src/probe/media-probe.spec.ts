import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analyzer, AnalyzerPool } from './analyzer-pool';
import type { MediaInfo } from './media-info';
import { MediaProber, probeMedia, ProbeError, type ProbeLogger } from './media-probe';

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
  return { lines, log: (m) => lines.push(`log: ${m}`) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Stands in for a MediaInfoLib instance: reads the first bytes through the
 * probe's read callback, then answers with a report on a video of that
 * length, or, while `stall` is set, waits there like a read on a hung share.
 */
class FakeAnalyzer {
  closed = false;
  analyses = 0;
  private release: (() => void) | null = null;

  constructor(private readonly stall: boolean) {}

  async analyzeData(size: number, read: (length: number, offset: number) => Promise<Uint8Array>): Promise<unknown> {
    this.analyses++;
    const head = await read(Math.min(size, 4), 0);
    if (this.stall) {
      await new Promise<void>((resolve) => (this.release = resolve));
      await read(1, 0); // the probe was given up meanwhile: this throws
    }
    return {
      media: {
        track: [
          { '@type': 'General', Format: 'MPEG-4', CodecID: 'isom', Duration: head.length },
          { '@type': 'Video', Format: 'AVC', FrameRate_Num: 25, FrameRate_Den: 1, Width: 320, Height: 180 },
        ],
      },
    };
  }

  unstall(): void {
    this.release?.();
  }

  close(): void {
    this.closed = true;
  }
}

function fakePool(size: number, stallFirst = false): { pool: AnalyzerPool; made: FakeAnalyzer[] } {
  const made: FakeAnalyzer[] = [];
  const pool = new AnalyzerPool(size, async () => {
    const analyzer = new FakeAnalyzer(stallFirst && made.length === 0);
    made.push(analyzer);
    return analyzer as unknown as Analyzer;
  });
  return { pool, made };
}

describe('AnalyzerPool', () => {
  it('makes instances only when needed, at most `size`, and reuses them', async () => {
    const { pool, made } = fakePool(2);
    expect(made).toHaveLength(0);
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect(made).toHaveLength(2);
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    expect(made).toHaveLength(2);
    pool.release(b);
    pool.release(a);
    expect(pool.stats).toEqual({ live: 2, idle: 2 });
  });

  it('a caller beyond `size` waits for a release', async () => {
    const { pool } = fakePool(1);
    const a = await pool.acquire();
    let second: Analyzer | null = null;
    const waiting = pool.acquire().then((x) => (second = x));
    await tick();
    expect(second).toBeNull();
    pool.release(a);
    await waiting;
    expect(second).toBe(a);
  });

  it('close frees idle instances at once and lent ones when given back; acquire then fails', async () => {
    const { pool, made } = fakePool(2);
    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(a);
    pool.close();
    expect(made.map((m) => m.closed)).toEqual([true, false]);
    pool.release(b);
    expect(made.map((m) => m.closed)).toEqual([true, true]);
    await expect(pool.acquire()).rejects.toThrow(/closed/);
  });

  it('a failed creation frees its place', async () => {
    let calls = 0;
    const pool = new AnalyzerPool(1, async () => {
      if (calls++ === 0) throw new Error('no wasm');
      return new FakeAnalyzer(false) as unknown as Analyzer;
    });
    await expect(pool.acquire()).rejects.toThrow('no wasm');
    await expect(pool.acquire()).resolves.toBeInstanceOf(FakeAnalyzer);
  });

  it('rejects a nonsense size', () => {
    expect(() => new AnalyzerPool(0)).toThrow(RangeError);
  });
});

describe('probeMedia with a stalled analysis', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'media-probe-unit-'));
    file = join(dir, 'a.mp4');
    writeFileSync(file, 'abc');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads through the callback and maps the report', async () => {
    const { pool } = fakePool(1);
    expect(await probeMedia(file, { timeoutMs: 5_000, analyzers: pool })).toMatchObject({
      duration_s: 3, // the fake reports the bytes it read: the whole 3-byte file
      frame_rate: '25/1',
      video_codec: 'h264',
      container: 'mp4',
    });
  });

  it('times out, retires the stuck instance (closed once its read returns) and probes on with a fresh one', async () => {
    const { pool, made } = fakePool(1, true);
    const started = Date.now();
    const error = await probeMedia(file, { timeoutMs: 100, analyzers: pool }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect(error).toMatchObject({ kind: 'timeout', message: `probe timed out after 100 ms on ${file}` });
    expect(Date.now() - started).toBeLessThan(2_000);

    // The pool is whole again: the next probe gets a new instance.
    expect(await probeMedia(file, { timeoutMs: 5_000, analyzers: pool })).toMatchObject({ duration_s: 3 });
    expect(made).toHaveLength(2);
    expect(made[0].closed).toBe(false); // still inside its hung read
    made[0].unstall();
    await tick();
    expect(made[0].closed).toBe(true);
    expect(pool.stats).toEqual({ live: 1, idle: 1 });
  });
});

describe('MediaProber', () => {
  it('logs what it runs with, passes path and options to the runner and returns its answer', async () => {
    const logger = fakeLogger();
    const runner = jest.fn().mockResolvedValue(media);
    const prober = new MediaProber({ timeoutMs: 1234, concurrency: 3, logger, runner });
    expect(await prober.probe('/nas/a.mp4')).toEqual({ ok: true, media });
    expect(runner).toHaveBeenCalledWith('/nas/a.mp4', { timeoutMs: 1234, analyzers: expect.any(AnalyzerPool) });
    expect(runner.mock.calls[0][1].analyzers.size).toBe(3);
    expect(logger.lines).toEqual(['log: media probe: MediaInfoLib (mediainfo.js), 3 at once, 1234 ms timeout']);
    prober.close();
  });

  it('records failures instead of throwing, ProbeError or not', async () => {
    const runner = jest
      .fn()
      .mockRejectedValueOnce(new ProbeError('timeout', '/nas/x.mp4', 'probe timed out after 5 ms on /nas/x.mp4'))
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValueOnce(media);
    const prober = new MediaProber({ runner });
    expect(await prober.probe('/nas/x.mp4')).toEqual({
      ok: false,
      error: 'probe timed out after 5 ms on /nas/x.mp4',
      kind: 'timeout',
    });
    expect(await prober.probe('/nas/y.mp4')).toEqual({
      ok: false,
      error: 'cannot probe /nas/y.mp4: Error: boom',
      kind: 'probe_failed',
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
    const prober = new MediaProber({ concurrency, runner });
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

  it('after close, a probe fails as probe_failed instead of making instances', async () => {
    const prober = new MediaProber({ timeoutMs: 5_000 });
    prober.close();
    expect(await prober.probe(__filename)).toMatchObject({ ok: false, kind: 'probe_failed' });
  });

  it('rejects nonsense settings', () => {
    expect(() => new MediaProber({ concurrency: 0 })).toThrow(RangeError);
    expect(() => new MediaProber({ concurrency: 1.5 })).toThrow(RangeError);
    expect(() => new MediaProber({ timeoutMs: 0 })).toThrow(RangeError);
  });
});
