import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findFfprobe, MediaProber, probeMedia, ProbeError, type ProbeOptions } from './media-probe';

/**
 * Against the real ffprobe (Debian's ffmpeg package; .ci/run installs it) and
 * the sample NAS in samples/nas (scripts/make-sample-nas.sh).
 */
const NAS = resolve(__dirname, '../../../../samples/nas');
const at = (relative: string) => join(NAS, relative);

let ffprobePath: string;
let ffmpegPath: string;
let opts: ProbeOptions;
let scratch: string;

beforeAll(async () => {
  const found = await findFfprobe();
  if (!found) throw new Error('ffprobe not found: apt-get install ffmpeg, or set FFPROBE_PATH');
  ffprobePath = found;
  // ffmpeg ships beside ffprobe (Debian's ffmpeg package has both).
  ffmpegPath = dirname(found) === '.' ? 'ffmpeg' : join(dirname(found), 'ffmpeg');
  opts = { ffprobePath, timeoutMs: 20_000 };
  scratch = mkdtempSync(join(tmpdir(), 'media-probe-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

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
      width: 320,
      height: 180,
      video_codec: 'h264',
      audio_codec: 'aac',
      container,
    });
  });

  it('the MXF: H.264 with PCM audio at 25/1', async () => {
    const media = await probeMedia(at('WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf'), opts);
    expect(media).toEqual({
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
    // Matroska keeps millisecond timestamps: ffprobe reads these rates as 19001/317 and 7001/146.
    ['60000/1001', 'mkv', '60000/1001', 59.94, '19001/317'],
    ['48000/1001', 'mkv', '48000/1001', 47.952, '7001/146'],
    ['30000/1001', 'mkv', '30000/1001', 29.97, null],
    ['25', 'mkv', '25/1', 25, null],
    ['60000/1001', 'mp4', '60000/1001', 59.94, null],
  ])('a %s fps %s made by ffmpeg: %s (%d fps), raw %s', async (rate, ext, frameRate, fps, raw) => {
    const file = join(scratch, `rate-${rate.replace('/', '_')}.${ext}`);
    execFileSync(ffmpegPath, [
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

  it('a file whose name starts with "-" or holds ":" is still read as a plain file', async () => {
    const odd = join(scratch, '-v quiet: WSOP.mp4');
    writeFileSync(odd, '');
    execFileSync('cp', [at('_unsorted/clip_final_v2 (1).mp4'), odd]);
    await expect(probeMedia(odd, opts)).resolves.toMatchObject({ frame_rate: '30000/1001' });
  });
});

describe('probeMedia failures', () => {
  async function failure(path: string, options: ProbeOptions = opts): Promise<ProbeError> {
    const error = await probeMedia(path, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProbeError);
    return error as ProbeError;
  }

  it('a text file is not media', async () => {
    const error = await failure(at('notes.txt'));
    expect(error.kind).toBe('not_media');
    expect(error.message).toMatch(/not media/);
    expect(error.path).toBe(at('notes.txt'));
  });

  it('a junk file named .mp4 (Thumbs.db copied) is not media', async () => {
    const fake = join(scratch, 'fake.mp4');
    writeFileSync(fake, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect((await failure(fake)).kind).toBe('not_media');
  });

  it('a folder named like a video (Synology @eaDir) is not media', async () => {
    const error = await failure(at('WSOP/2023/@eaDir/WSOP_2023_Main_Event_Day1A_Part1.mp4'));
    expect(error.kind).toBe('not_media');
    expect(error.message).toMatch(/directory/);
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
      probeMedia(${JSON.stringify(locked)}, { ffprobePath: ${JSON.stringify(ffprobePath)}, timeoutMs: 5000 })
        .then(() => console.log('"read"'), (e) => console.log(JSON.stringify(e.kind)));`;
    const run = spawnSync(process.execPath, ['-e', script], {
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
      cwd: join(__dirname, '../../../..'),
      env: { ...process.env, SWC_NODE_PROJECT: 'tools/tsconfig.json' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toBe('unreadable');
  });

  it('a FIFO nobody writes to: ffprobe hangs, is killed, and the error says timed out', async () => {
    const fifo = join(scratch, 'stuck.mp4');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = await failure(fifo, { ffprobePath, timeoutMs: 300 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a missing ffprobe binary', async () => {
    const error = await failure(at('_unsorted/IMG_2041.MOV'), {
      ffprobePath: join(scratch, 'no-ffprobe'),
      timeoutMs: 5_000,
    });
    expect(error.kind).toBe('ffprobe_failed');
    expect(error.message).toMatch(/cannot start ffprobe/);
  });
});

describe('MediaProber with the real ffprobe', () => {
  it('probes the whole sample NAS with at most 2 ffprobe processes at once', async () => {
    const files = execFileSync('find', [NAS, '-type', 'f', '-iregex', '.*\\.\\(mp4\\|mov\\|mkv\\|mxf\\)$'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThanOrEqual(30);

    let running = 0;
    let peak = 0;
    const prober = new MediaProber({
      ffprobePath,
      concurrency: 2,
      timeoutMs: 20_000,
      runner: async (path, options) => {
        running++;
        peak = Math.max(peak, running);
        try {
          return await probeMedia(path, options);
        } finally {
          running--;
        }
      },
    });
    const results = await Promise.all([...files, at('notes.txt')].map((f) => prober.probe(f)));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.ok)).toHaveLength(files.length);
    expect(results[results.length - 1]).toMatchObject({ ok: false, kind: 'not_media' });
    expect(prober.stats).toMatchObject({ probed: files.length + 1, failed: 1, running: 0, queued: 0 });
  }, 120_000); // one ffprobe per sample video: slow when the machine is busy

  it('MediaProber.create finds ffprobe on PATH', async () => {
    const prober = await MediaProber.create({ timeoutMs: 20_000 });
    expect(prober.available).toBe(true);
    expect(await prober.probe(at('APT/APT_Incheon_2023_Main_Event_Day1A.mp4'))).toMatchObject({
      ok: true,
      media: { frame_rate: '25/1' },
    });
  });
});
