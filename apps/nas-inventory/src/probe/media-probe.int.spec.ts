import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, copyFileSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mediaInfoFactory from 'mediainfo.js';
import { AnalyzerPool, MediaProber, probeMedia, ProbeError, type ProbeOptions } from './media-probe';

/**
 * The real MediaInfoLib (mediainfo.js) on the sample NAS in samples/nas
 * (scripts/make-sample-nas.sh) and on files made here with ffmpeg (.ci/run
 * installs it for the scenario generator).
 */
const NAS = resolve(__dirname, '../../../../samples/nas');
const at = (relative: string) => join(NAS, relative);

let analyzers: AnalyzerPool;
let opts: ProbeOptions;
let scratch: string;

beforeAll(() => {
  analyzers = new AnalyzerPool(1);
  opts = { timeoutMs: 20_000, analyzers };
  scratch = mkdtempSync(join(tmpdir(), 'media-probe-'));
});

afterAll(() => {
  analyzers?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function failure(path: string, options: ProbeOptions = opts): Promise<ProbeError> {
  const error = await probeMedia(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProbeError);
  expect((error as ProbeError).path).toBe(path);
  return error as ProbeError;
}

describe('probeMedia on the sample NAS', () => {
  it.each([
    ['WSOP/2023/Event 43/Day2_Part1.mp4', 4, '30000/1001', 29.97, 'mp4'],
    ['WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4', 4, '25/1', 25, 'mp4'],
    ['Super High Roller Bowl/SHRB 2022 $300,000 Final Table.mp4', 5, '60/1', 60, 'mp4'],
    ['WSOP/2023/WSOP 2023 메인이벤트 1일차 파트2.mp4', 2, '60/1', 60, 'mp4'],
    ['Hustler Casino Live/HCL_2023-11-14_Live_Stream.mp4', 6, '30000/1001', 29.97, 'mp4'],
    ['Poker After Dark/PAD S12 E06 Part 2.mov', 4, '30000/1001', 29.97, 'mov'],
    ['_unsorted/IMG_2041.MOV', 3, '60/1', 60, 'mov'],
    ['_unsorted/clip_final_v2 (1).mp4', 2, '30000/1001', 29.97, 'mp4'],
    ['Triton/triton-london-2023-ev9-100k-ft.mkv', 3, '30000/1001', 29.97, 'matroska'],
  ])('%s: %ss at %s', async (relative, seconds, frameRate, fps, container) => {
    const media = await probeMedia(at(relative), opts);
    expect(media.duration_s).not.toBeNull();
    expect(Math.abs(media.duration_s! - seconds)).toBeLessThanOrEqual(0.1);
    expect(media).toMatchObject({
      frame_rate: frameRate,
      fps,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'aac',
      container,
    });
  });

  it('the MXF: H.264 with PCM audio at 25/1', async () => {
    expect(await probeMedia(at('WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf'), opts)).toEqual({
      duration_s: 2,
      frame_rate: '25/1',
      fps: 25,
      frame_rate_raw: null,
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'pcm_s16le',
      container: 'mxf',
    });
  });

  it.each([
    // Matroska keeps millisecond timestamps, no rate: MediaInfoLib works the exact fraction out from
    // the frame timing where it can (48000/1001 here), else gives the decimal (59.940 = 2997/50), snapped here.
    ['60000/1001', 'mkv', '60000/1001', 59.94, '2997/50'],
    ['48000/1001', 'mkv', '48000/1001', 47.952, null],
    ['30000/1001', 'mkv', '30000/1001', 29.97, null],
    ['25', 'mkv', '25/1', 25, null],
    ['60000/1001', 'mp4', '60000/1001', 59.94, null],
    ['24000/1001', 'mov', '24000/1001', 23.976, null],
  ])('a %s fps %s made by ffmpeg: %s (%d fps), raw %s', async (rate, ext, frameRate, fps, raw) => {
    const file = join(scratch, `rate-${rate.replace('/', '_')}.${ext}`);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=64x36:rate=${rate}`,
      '-t',
      '1',
      file,
    ]);
    expect(await probeMedia(file, opts)).toMatchObject({
      frame_rate: frameRate,
      fps,
      frame_rate_raw: raw,
      width: 64,
      height: 36,
    });
  });

  it('audio only (made by ffmpeg): media without video fields', async () => {
    const file = join(scratch, 'commentary.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:a', 'aac', file]);
    expect(await probeMedia(file, opts)).toEqual({
      duration_s: 2,
      frame_rate: null,
      fps: null,
      frame_rate_raw: null,
      width: null,
      height: null,
      video_codec: null,
      audio_codec: 'aac',
      container: 'mp4',
    });
  });

  it('a file whose name starts with "-" or holds ":" is read like any other', async () => {
    const odd = join(scratch, '-v quiet: WSOP.mp4');
    copyFileSync(at('_unsorted/clip_final_v2 (1).mp4'), odd);
    await expect(probeMedia(odd, opts)).resolves.toMatchObject({ frame_rate: '30000/1001' });
  });

  it('without a pool of its own, probes share one instance', async () => {
    const files = ['APT/APT_Incheon_2023_Main_Event_Day1A.mp4', 'Poker After Dark/PAD S12 E06 Part 2.mov'];
    const results = await Promise.all(files.map((f) => probeMedia(at(f), { timeoutMs: 20_000 })));
    expect(results.map((m) => m.frame_rate)).toEqual(['25/1', '30000/1001']);
  });
});

describe('probeMedia failures', () => {
  it('a text file is not media', async () => {
    const error = await failure(at('notes.txt'));
    expect(error.kind).toBe('not_media');
    expect(error.message).toBe(`cannot probe ${at('notes.txt')}: not media (no audio or video track)`);
  });

  it('a junk file named .mp4 (Thumbs.db copied) is not media', async () => {
    const fake = join(scratch, 'fake.mp4');
    writeFileSync(fake, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect((await failure(fake)).kind).toBe('not_media');
  });

  it('an empty file is not media', async () => {
    const empty = join(scratch, 'empty.mov');
    writeFileSync(empty, '');
    expect((await failure(empty)).kind).toBe('not_media');
  });

  it('a still image (PNG made by ffmpeg) is not media', async () => {
    const png = join(scratch, 'poster.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x36',
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'png',
      png,
    ]);
    const error = await failure(png);
    expect(error.kind).toBe('not_media');
    expect(error.message).toMatch(/not media \(png, no audio or video track\)/);
  });

  it('a folder named like a video (Synology @eaDir) is not media', async () => {
    const error = await failure(at('WSOP/2023/@eaDir/WSOP_2023_Main_Event_Day1A_Part1.mp4'));
    expect(error.kind).toBe('not_media');
    expect(error.message).toMatch(/a directory/);
  });

  it('a path that does not exist', async () => {
    const error = await failure(at('WSOP/2023/gone.mp4'));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/no such file/);
  });

  // Root reads everything: the probe runs as an unprivileged user in a child process.
  it('a file nobody may read', () => {
    const locked = join(scratch, 'locked.mp4');
    writeFileSync(locked, 'x', { mode: 0o000 });
    chmodSync(scratch, 0o755);
    const script = `
      require('@swc-node/register');
      const { probeMedia } = require(${JSON.stringify(join(__dirname, 'media-probe.ts'))});
      probeMedia(${JSON.stringify(locked)}, { timeoutMs: 5000 })
        .then(() => console.log('"read"'), (e) => console.log(JSON.stringify([e.kind, e.message])));`;
    const run = spawnSync(process.execPath, ['-e', script], {
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
      cwd: join(__dirname, '../../../..'),
      env: { ...process.env, SWC_NODE_PROJECT: 'tools/tsconfig.json' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['unreadable', `cannot probe ${locked}: file unreadable (EACCES)`]);
  });

  it('a FIFO nobody writes to: opening it hangs like a stuck share, and the probe times out', async () => {
    const fifo = join(scratch, 'stuck.mp4');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = await failure(fifo, { timeoutMs: 300, analyzers });
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`probe timed out after 300 ms on ${fifo}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Open and close the writing end: the hung open returns, and the given-up probe closes its handle.
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  });

  it('MediaInfoLib that cannot be loaded: probe_failed', async () => {
    const broken = new AnalyzerPool(1, () =>
      mediaInfoFactory({ format: 'object', locateFile: () => join(scratch, 'missing.wasm') }),
    );
    const error = await failure(at('_unsorted/IMG_2041.MOV'), { timeoutMs: 5_000, analyzers: broken });
    expect(error.kind).toBe('probe_failed');
    expect(error.message).toMatch(/MediaInfoLib unavailable .*missing\.wasm/);
  });
});

describe('MediaProber with the real MediaInfoLib', () => {
  it('probes the whole sample NAS, 2 at once, on 2 instances', async () => {
    const files = execFileSync('find', [NAS, '-type', 'f', '-iregex', '.*\\.\\(mp4\\|mov\\|mkv\\|mxf\\)$'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThanOrEqual(30);

    let running = 0;
    let peak = 0;
    const runner = async (path: string, options: ProbeOptions) => {
      running++;
      peak = Math.max(peak, running);
      try {
        return await probeMedia(path, options);
      } finally {
        running--;
      }
    };
    const prober = new MediaProber({ concurrency: 2, timeoutMs: 20_000, runner });
    const results = await Promise.all([...files, at('notes.txt')].map((f) => prober.probe(f)));
    prober.close();
    expect(peak).toBe(2);
    expect(results.filter((r) => r.ok)).toHaveLength(files.length);
    expect(results[results.length - 1]).toMatchObject({ ok: false, kind: 'not_media' });
    expect(prober.stats).toMatchObject({ probed: files.length + 1, failed: 1, running: 0, queued: 0 });
  });
});
