import { parseArgs } from 'node:util';
import { intOption } from '../bus/config';

export const DEFAULT_SIZES = [1_400, 100_000] as const;

export const USAGE = `usage: nas.bench.ts [options]
  --json               print results as JSON on stdout (progress stays on stderr)
  --sizes N,N,…        video files per generated tree (default ${DEFAULT_SIZES.join(',')})
  --quick              the 1,400-file tree only (same as --sizes 1400)
  --seed N             seed of the generated trees: same seed, same names, sizes and bytes (default 1)
  --repeats N          timed find / walk() runs per tree, after one warm-up run; the median is reported (default 5)
  --churn PCT          after the re-scan, move PCT % of the files and touch PCT % (half of those also grow), then scan
                       again; 0 skips that scan (default 1)
  --analyze            ANALYZE nas.video_files after each scan (untimed), as autovacuum would sooner or later;
                       without it the planner has no statistics where autovacuum is off
  --no-relay           do not relay the outbox to RabbitMQ after the scans
  --concurrency N      directories read at once by the walk (default: NAS_SCAN_CONCURRENCY's default)
  --worker-ts          run the scan worker as TypeScript under @swc-node/register instead of compiling it first
                       (its RSS then includes the TypeScript compiler and swc, about 60 MB)
  --sparse-videos      make each video a sparse file of 0.5–8 GB (1–4 kB of data at the start, 4 kB at the end),
                       so the content hash reads and hashes two full NAS_HASH_WINDOW_BYTES windows as on real videos
  --no-gc              do not force a full GC in the worker before each scan (back-to-back scans, no idle time)
  --keep-tree          leave the generated trees in the temp dir (their paths are printed)
  --tmp-dir DIR        where the trees go (default: the OS temp dir)
  --sample-ms MS       RSS sampling interval during a scan (default 100)
  --scan-timeout-s S   one scan must finish within S seconds (default 600)
  --timeout-s S        overall time limit; on expiry it cleans up and exits 2 (default 1800)
  --check              exit 1 when an aim is missed
  -h, --help           this text
env: TEST_POSTGRES_URL, TEST_AMQP_URL, TEST_RABBITMQ_API (defaults: the local docker-compose services)`;

export interface Config {
  json: boolean;
  sizes: number[];
  seed: number;
  repeats: number;
  /** Percent of the files moved, and percent touched, before the third scan; 0 = no third scan. */
  churnPct: number;
  relay: boolean;
  analyze: boolean;
  concurrency: number | null;
  workerTs: boolean;
  sparse: boolean;
  gc: boolean;
  keepTree: boolean;
  tmpDir: string | null;
  sampleMs: number;
  scanTimeoutMs: number;
  timeoutS: number;
  check: boolean;
}

/** Parses argv; returns null for --help. Throws on a bad option. */
export function parseConfig(argv = process.argv.slice(2)): Config | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      repeats: { type: 'string', default: '5' },
      churn: { type: 'string', default: '1' },
      'no-relay': { type: 'boolean', default: false },
      analyze: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      'worker-ts': { type: 'boolean', default: false },
      'sparse-videos': { type: 'boolean', default: false },
      'no-gc': { type: 'boolean', default: false },
      'keep-tree': { type: 'boolean', default: false },
      'tmp-dir': { type: 'string' },
      'sample-ms': { type: 'string', default: '100' },
      'scan-timeout-s': { type: 'string', default: '600' },
      'timeout-s': { type: 'string', default: '1800' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (values.quick && values.sizes) throw new Error('--quick and --sizes exclude each other');
  const sizes = values.quick
    ? [1_400]
    : values.sizes
      ? values.sizes.split(',').map((s) => intOption('sizes', s.trim().replace(/[_,]/g, ''), 10))
      : [...DEFAULT_SIZES];
  const churnPct = Number(values.churn);
  if (!(churnPct >= 0 && churnPct <= 50)) throw new Error(`--churn must be a percentage 0..50, got "${values.churn}"`);
  return {
    json: values.json ?? false,
    sizes,
    seed: intOption('seed', values.seed, 0),
    repeats: intOption('repeats', values.repeats, 1),
    churnPct,
    relay: !values['no-relay'],
    analyze: values.analyze ?? false,
    concurrency: values.concurrency === undefined ? null : intOption('concurrency', values.concurrency, 1),
    workerTs: values['worker-ts'] ?? false,
    sparse: values['sparse-videos'] ?? false,
    gc: !values['no-gc'],
    keepTree: values['keep-tree'] ?? false,
    tmpDir: values['tmp-dir'] ?? null,
    sampleMs: intOption('sample-ms', values['sample-ms'], 10),
    scanTimeoutMs: intOption('scan-timeout-s', values['scan-timeout-s'], 1) * 1000,
    timeoutS: intOption('timeout-s', values['timeout-s'], 1),
    check: values.check ?? false,
  };
}
