import { UsageError, flag, int, ints, num, optOut, str } from '../shared/options';
import type { ConfigOf } from '../shared/runner';

export const DEFAULT_SIZES = [1_400, 100_000] as const;

/** The options of nas.bench.ts (--json, --check, --timeout-s and --help come from the runner). */
export const options = {
  sizes: ints('video files per generated tree', { min: 10, defaultText: DEFAULT_SIZES.join(',') }),
  quick: flag('the 1,400-file tree only (same as --sizes 1400)'),
  seed: int('seed of the generated trees: same seed, same names, sizes and bytes', { default: 1, min: 0 }),
  repeats: int('timed find / walk() runs per tree, after one warm-up run; the median is reported', {
    default: 5,
    min: 1,
  }),
  churn: num(
    'after the re-scan, move PCT % of the files and touch PCT % (half of those also grow),\nthen scan again; 0 skips that scan',
    { default: 1, min: 0, max: 50, arg: 'PCT' },
  ),
  analyze: flag(
    'ANALYZE nas.video_files after each scan (untimed), as autovacuum would sooner or later;\nwithout it the planner has no statistics where autovacuum is off',
  ),
  relay: optOut('do not relay the outbox to RabbitMQ after the scans'),
  concurrency: int('directories read at once by the walk', { min: 1, defaultText: "NAS_SCAN_CONCURRENCY's default" }),
  workerTs: flag(
    'run the scan worker as TypeScript under @swc-node/register instead of compiling it first\n(its RSS then includes the TypeScript compiler and swc, about 60 MB)',
  ),
  sparseVideos: flag(
    'make each video a sparse file of 0.5–8 GB (1–4 kB of data at the start, 4 kB at the end),\nso the content hash reads two full NAS_HASH_WINDOW_BYTES windows as on real videos',
  ),
  gc: optOut('do not force a full GC in the worker before each scan (back-to-back scans, no idle time)'),
  keepTree: flag('leave the generated trees in the temp dir (their paths are printed)'),
  tmpDir: str('where the trees go', { arg: 'DIR', defaultText: 'the OS temp dir' }),
  sampleMs: int('RSS sampling interval during a scan', { default: 100, min: 10, arg: 'MS' }),
  scanTimeoutS: int('one scan must finish within S seconds', { default: 600, min: 1, arg: 'S' }),
};

export type Config = ConfigOf<typeof options>;

export function validate(config: Config): void {
  if (config.quick && config.sizes) throw new UsageError('--quick and --sizes exclude each other');
}

/** The tree sizes to run: --quick, --sizes or the defaults. */
export const sizesOf = (config: Config): number[] => (config.quick ? [1_400] : (config.sizes ?? [...DEFAULT_SIZES]));
