import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Analyzer, AnalyzerPool } from './analyzer-pool';
import { type MediaInfo, mediaInfoFromMediaInfoLib } from './media-info';

export { AnalyzerPool } from './analyzer-pool';
export { type MediaInfo, mediaInfoFromMediaInfoLib } from './media-info';

/** Why a probe failed. */
export type ProbeErrorKind =
  /** The path does not exist (any more). */
  | 'not_found'
  /** It exists but cannot be read (permissions, I/O error). */
  | 'unreadable'
  /** It was read, but holds no audio or video (text, an image, a folder, a damaged file). */
  | 'not_media'
  /** The probe took longer than `timeoutMs` (a hung share, say) and was given up. */
  | 'timeout'
  /** MediaInfoLib could not be loaded, or failed on the file. */
  | 'probe_failed';

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
  /** The probe is given up after this long. */
  timeoutMs: number;
  /** MediaInfoLib instances to borrow one from; default one shared instance. */
  analyzers?: AnalyzerPool;
}

let sharedAnalyzers: AnalyzerPool | null = null;

/** For callers without a pool of their own (scripts, tests): one instance, probes take turns. */
function defaultAnalyzers(): AnalyzerPool {
  sharedAnalyzers ??= new AnalyzerPool(1);
  return sharedAnalyzers;
}

/** Thrown inside a probe once it has been given up; callers see the timeout instead. */
class GivenUp extends Error {}

/** One probe's state, shared by the timeout and the analysis. */
interface ProbeRun {
  givenUp: boolean;
  /** Set while an instance is analysing: what the timeout does with it. */
  onGiveUp?: () => void;
}

function openError(path: string, error: unknown): ProbeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ProbeError('not_found', path, `cannot probe ${path}: no such file`, { cause: error });
  }
  if (code === 'EISDIR') return new ProbeError('not_media', path, `cannot probe ${path}: not media (a directory)`);
  return new ProbeError('unreadable', path, `cannot probe ${path}: file unreadable (${code ?? String(error)})`, {
    cause: error,
  });
}

/**
 * Reads one file with MediaInfoLib (mediainfo.js, in this process: no
 * ffprobe to start per file) and returns what it says. The file is read
 * only through one handle opened on `absolutePath`, in the chunks and at the
 * offsets MediaInfoLib asks for (its header, index and a little of the end,
 * not the whole video). Throws a ProbeError when the file is missing or
 * unreadable, is not media, or the probe does not finish within `timeoutMs`.
 */
export async function probeMedia(absolutePath: string, opts: ProbeOptions): Promise<MediaInfo> {
  const path = resolve(absolutePath);
  const analyzers = opts.analyzers ?? defaultAnalyzers();
  const run: ProbeRun = { givenUp: false };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.givenUp = true;
      run.onGiveUp?.();
      reject(new ProbeError('timeout', path, `probe timed out after ${opts.timeoutMs} ms on ${path}`));
    }, opts.timeoutMs);
  });
  try {
    return await Promise.race([analyze(path, analyzers, run), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function analyze(path: string, analyzers: AnalyzerPool, run: ProbeRun): Promise<MediaInfo> {
  let file: FileHandle;
  try {
    // A FIFO (or a hung share) blocks here; the timeout answers meanwhile.
    file = await open(path, 'r');
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const stats = await file.stat();
    if (stats.isDirectory()) throw new ProbeError('not_media', path, `cannot probe ${path}: not media (a directory)`);
    const report = await analyzeWith(analyzers, file, stats.size, path, run);
    const media = mediaInfoFromMediaInfoLib(report);
    if (media.video_codec === null && media.audio_codec === null) {
      const format = media.container ? `${media.container}, ` : '';
      throw new ProbeError('not_media', path, `cannot probe ${path}: not media (${format}no audio or video track)`);
    }
    return media;
  } finally {
    await file.close().catch(() => undefined);
  }
}

/**
 * One analysis on a borrowed instance. Given up mid-analysis, the instance is
 * retired at once (its read may hang for good) and the next read fails.
 */
async function analyzeWith(
  analyzers: AnalyzerPool,
  file: FileHandle,
  size: number,
  path: string,
  run: ProbeRun,
): Promise<unknown> {
  if (run.givenUp) throw new GivenUp();
  let analyzer: Analyzer;
  try {
    analyzer = await analyzers.acquire();
  } catch (error) {
    throw new ProbeError('probe_failed', path, `cannot probe ${path}: MediaInfoLib unavailable (${String(error)})`, {
      cause: error,
    });
  }
  if (run.givenUp) {
    analyzers.release(analyzer);
    throw new GivenUp();
  }
  let readError: unknown = null;
  const analysis = analyzer.analyzeData(size, async (length, offset) => {
    if (run.givenUp) throw new GivenUp();
    try {
      const chunk = Buffer.allocUnsafe(length);
      const { bytesRead } = await file.read(chunk, 0, length, offset);
      return chunk.subarray(0, bytesRead);
    } catch (error) {
      readError = error;
      throw error;
    }
  });
  run.onGiveUp = () => analyzers.retire(analyzer, analysis);
  try {
    return await analysis;
  } catch (error) {
    if (run.givenUp) throw new GivenUp();
    if (readError !== null) {
      const code = (readError as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw new ProbeError('not_media', path, `cannot probe ${path}: not media (a directory)`);
      throw new ProbeError('unreadable', path, `cannot probe ${path}: read failed (${code ?? String(readError)})`, {
        cause: readError,
      });
    }
    throw new ProbeError('probe_failed', path, `cannot probe ${path}: MediaInfoLib failed (${String(error)})`, {
      cause: error,
    });
  } finally {
    if (!run.givenUp) {
      run.onGiveUp = undefined;
      analyzers.release(analyzer);
    }
  }
}

/** A NestJS Logger fits. */
export interface ProbeLogger {
  log(message: string): void;
}

export type ProbeResult = { ok: true; media: MediaInfo } | { ok: false; error: string; kind: ProbeErrorKind };

/** What runs one probe; probeMedia by default, a fake in tests. */
export type ProbeRunner = (absolutePath: string, opts: ProbeOptions) => Promise<MediaInfo>;

export interface MediaProberOptions {
  /** Per file; default 30 s. */
  timeoutMs?: number;
  /** Probes at once, each with its own MediaInfoLib instance; default 2. */
  concurrency?: number;
  logger?: ProbeLogger;
  runner?: ProbeRunner;
}

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

const silentLogger: ProbeLogger = { log: () => undefined };

/**
 * Probes files, `concurrency` at a time, each on its own MediaInfoLib
 * instance (made when first needed). `probe` never throws: a failure comes
 * back as `{ ok: false, error, kind }` and is counted in `stats`. `close`
 * frees the instances.
 */
export class MediaProber {
  private readonly timeoutMs: number;
  private readonly runner: ProbeRunner;
  private readonly limit: Semaphore;
  private readonly analyzers: AnalyzerPool;
  private probed = 0;
  private failed = 0;

  constructor(opts: MediaProberOptions = {}) {
    const concurrency = opts.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
    }
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${this.timeoutMs}`);
    this.runner = opts.runner ?? probeMedia;
    this.limit = new Semaphore(concurrency);
    this.analyzers = new AnalyzerPool(concurrency);
    (opts.logger ?? silentLogger).log(
      `media probe: MediaInfoLib (mediainfo.js), ${concurrency} at once, ${this.timeoutMs} ms timeout`,
    );
  }

  get stats(): { probed: number; failed: number; running: number; queued: number } {
    return { probed: this.probed, failed: this.failed, running: this.limit.running, queued: this.limit.queued };
  }

  async probe(absolutePath: string): Promise<ProbeResult> {
    const result = await this.limit.run(async (): Promise<ProbeResult> => {
      try {
        return {
          ok: true,
          media: await this.runner(absolutePath, { timeoutMs: this.timeoutMs, analyzers: this.analyzers }),
        };
      } catch (error) {
        if (error instanceof ProbeError) return { ok: false, error: error.message, kind: error.kind };
        return { ok: false, error: `cannot probe ${absolutePath}: ${String(error)}`, kind: 'probe_failed' };
      }
    });
    this.probed++;
    if (!result.ok) this.failed++;
    return result;
  }

  /** Frees the MediaInfoLib instances (ones in use, when their probe ends). */
  close(): void {
    this.analyzers.close();
  }
}
