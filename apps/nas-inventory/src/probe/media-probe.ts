import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, resolve } from 'node:path';
import { isNonMediaContainer, type MediaInfo, mediaInfoFromFfprobe } from './media-info';

export { type MediaInfo, mediaInfoFromFfprobe } from './media-info';

/** Why a probe failed. */
export type ProbeErrorKind =
  /** The path does not exist (any more). */
  | 'not_found'
  /** It exists but cannot be read (permissions, I/O error). */
  | 'unreadable'
  /** It was read, but holds no audio or video (text, a folder, a damaged file). */
  | 'not_media'
  /** ffprobe took longer than `timeoutMs` and was killed. */
  | 'timeout'
  /** ffprobe could not be started, or printed something that is not its JSON. */
  | 'ffprobe_failed';

export class ProbeError extends Error {
  override readonly name = 'ProbeError';

  constructor(
    readonly kind: ProbeErrorKind,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ProbeOptions {
  /** The ffprobe binary; default `ffprobe` from PATH. */
  ffprobePath?: string;
  /** ffprobe is killed (SIGKILL) after this long. */
  timeoutMs: number;
}

/** Enough for any real file's `-show_format -show_streams` answer (a few kB each). */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** The last non-empty line ffprobe wrote on stderr, without the leading file name. */
function lastStderrLine(stderr: string, path: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  for (const prefix of [`file:${path}: `, `${path}: `]) {
    if (last.startsWith(prefix)) return last.slice(prefix.length);
  }
  return last;
}

async function checkFile(path: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
    await access(path, fsConstants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ProbeError('not_found', path, `cannot probe ${path}: no such file`, { cause: error });
    }
    throw new ProbeError('unreadable', path, `cannot probe ${path}: file unreadable (${code ?? String(error)})`, {
      cause: error,
    });
  }
  if (isDirectory) throw new ProbeError('not_media', path, `cannot probe ${path}: not media (a directory)`);
}

/**
 * Runs `ffprobe -v error -print_format json -show_format -show_streams` on one
 * file (execFile, no shell; the path goes in as `file:<path>`, so names that
 * start with `-` or contain `:` are read as plain files) and returns what it
 * says. Throws a ProbeError when the file is missing or unreadable, is not
 * media, or ffprobe does not answer within `timeoutMs` (it is then killed).
 */
export async function probeMedia(absolutePath: string, opts: ProbeOptions): Promise<MediaInfo> {
  const path = resolve(absolutePath);
  const ffprobe = opts.ffprobePath ?? 'ffprobe';
  await checkFile(path);

  const stdout = await new Promise<string>((resolvePromise, reject) => {
    let timedOut = false;
    const child = execFile(
      ffprobe,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', `file:${path}`],
      { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
      (error, out, err) => {
        clearTimeout(timer);
        if (timedOut) {
          reject(new ProbeError('timeout', path, `ffprobe timed out after ${opts.timeoutMs} ms on ${path}`));
        } else if (!error) {
          resolvePromise(out);
        } else if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !err) {
          reject(
            new ProbeError('ffprobe_failed', path, `cannot start ffprobe (${ffprobe}): not found`, { cause: error }),
          );
        } else if ((error as NodeJS.ErrnoException).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(
            new ProbeError('ffprobe_failed', path, `ffprobe wrote more than ${MAX_OUTPUT_BYTES} bytes on ${path}`),
          );
        } else {
          const reason = lastStderrLine(err, path) || `exit code ${String(error.code ?? error.signal)}`;
          const kind: ProbeErrorKind = /permission denied/i.test(reason)
            ? 'unreadable'
            : /no such file/i.test(reason)
              ? 'not_found'
              : 'not_media';
          const what = { unreadable: 'file unreadable', not_found: 'no such file', not_media: 'not media' }[kind];
          reject(new ProbeError(kind, path, `cannot probe ${path}: ${what} (ffprobe: ${reason})`, { cause: error }));
        }
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
  });

  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    throw new ProbeError('ffprobe_failed', path, `ffprobe printed no JSON for ${path}`, { cause: error });
  }
  const media = mediaInfoFromFfprobe(json);
  if (isNonMediaContainer(media.container)) {
    throw new ProbeError('not_media', path, `cannot probe ${path}: not media (ffprobe reads it as ${media.container})`);
  }
  if (media.video_codec === null && media.audio_codec === null) {
    throw new ProbeError('not_media', path, `cannot probe ${path}: not media (no audio or video stream)`);
  }
  return media;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function searchPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const extensions =
    process.platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = resolve(dir, name + extension);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * Where ffprobe is: `FFPROBE_PATH` when set (a path, or a bare name looked up
 * on PATH), else `ffprobe` on PATH. Null when that is not an executable file;
 * a set but wrong FFPROBE_PATH does not fall back to PATH, so a typo shows.
 */
export async function findFfprobe(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const override = env['FFPROBE_PATH']?.trim();
  if (override) {
    const isPath = isAbsolute(override) || override.includes('/') || override.includes('\\');
    if (!isPath) return searchPath(override, env);
    const path = resolve(override);
    return (await isExecutableFile(path)) ? path : null;
  }
  return searchPath('ffprobe', env);
}

/** A NestJS Logger fits. */
export interface ProbeLogger {
  log(message: string): void;
  warn(message: string): void;
}

export type ProbeResult =
  { ok: true; media: MediaInfo } | { ok: false; error: string; kind: ProbeErrorKind | 'unavailable' };

/** What runs one probe; probeMedia by default, a fake in tests. */
export type ProbeRunner = (absolutePath: string, opts: ProbeOptions) => Promise<MediaInfo>;

export interface MediaProberOptions {
  /** The ffprobe binary, or null when there is none (every probe then answers "ffprobe not available"). */
  ffprobePath: string | null;
  /** Per file; default 30 s. */
  timeoutMs?: number;
  /** ffprobe processes at once; default 2. */
  concurrency?: number;
  logger?: ProbeLogger;
  runner?: ProbeRunner;
}

export const FFPROBE_NOT_AVAILABLE = 'ffprobe not available';

/** At most `max` tasks at once; the rest wait in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    else await new Promise<void>((wake) => this.waiting.push(wake)); // the releasing task hands its slot over
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const silentLogger: ProbeLogger = { log: () => undefined, warn: () => undefined };

/**
 * Probes files with a bounded number of ffprobe processes. `probe` never
 * throws: a failure comes back as `{ ok: false, error, kind }` and is
 * counted in `stats`. Without ffprobe (`available` false) it says so once in
 * the log and answers every probe with "ffprobe not available", spawning
 * nothing; the inventory then goes on without media info.
 */
export class MediaProber {
  readonly available: boolean;
  private readonly ffprobePath: string | null;
  private readonly timeoutMs: number;
  private readonly runner: ProbeRunner;
  private readonly limit: Semaphore;
  private probed = 0;
  private failed = 0;

  /** Looks ffprobe up (findFfprobe) unless `ffprobePath` is given. */
  static async create(opts: Partial<MediaProberOptions> = {}): Promise<MediaProber> {
    const ffprobePath = opts.ffprobePath !== undefined ? opts.ffprobePath : await findFfprobe();
    return new MediaProber({ ...opts, ffprobePath });
  }

  constructor(opts: MediaProberOptions) {
    const concurrency = opts.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
    }
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${this.timeoutMs}`);
    this.ffprobePath = opts.ffprobePath;
    this.available = opts.ffprobePath !== null;
    this.runner = opts.runner ?? probeMedia;
    this.limit = new Semaphore(concurrency);
    const logger = opts.logger ?? silentLogger;
    if (this.available) {
      logger.log(`media probe: ${this.ffprobePath} (${concurrency} at once, ${this.timeoutMs} ms timeout)`);
    } else {
      logger.warn(
        'media probe: ffprobe not found (install ffmpeg or set FFPROBE_PATH); files are inventoried without duration, frame rate or codecs',
      );
    }
  }

  get stats(): { probed: number; failed: number; running: number; queued: number } {
    return { probed: this.probed, failed: this.failed, running: this.limit.running, queued: this.limit.queued };
  }

  async probe(absolutePath: string): Promise<ProbeResult> {
    if (this.ffprobePath === null) return { ok: false, error: FFPROBE_NOT_AVAILABLE, kind: 'unavailable' };
    const ffprobePath = this.ffprobePath;
    const result = await this.limit.run(async (): Promise<ProbeResult> => {
      try {
        return { ok: true, media: await this.runner(absolutePath, { ffprobePath, timeoutMs: this.timeoutMs }) };
      } catch (error) {
        if (error instanceof ProbeError) return { ok: false, error: error.message, kind: error.kind };
        return { ok: false, error: `cannot probe ${absolutePath}: ${String(error)}`, kind: 'ffprobe_failed' };
      }
    });
    this.probed++;
    if (!result.ok) this.failed++;
    return result;
  }
}
