import { parseArgs } from 'node:util';
import { intOption } from '../bus/config';

export const USAGE = `usage: orchestrator.bench.ts [options]
  --json               print results as JSON on stdout (progress stays on stderr)
  --runs N             sampled full syncs, one after the other (default 1000)
  --warmup N           full syncs before sampling starts, not sampled (default 20)
  --nas-runs N         sequential nas syncs afterwards, for throughput; 0 skips them (default 200)
  --telemetry          run the orchestrator with OpenTelemetry on (spans recorded, not exported)
  --node-options STR   extra node flags for the orchestrator process, e.g. --node-options="--cpu-prof --cpu-prof-dir=/tmp/prof"
  --rebuild            build the orchestrator even when dist/ looks current
  --no-build           never build (fails when dist/apps/orchestrator/main.js is missing)
  --run-timeout-s S    a run not finished within S seconds aborts the benchmark (default 30)
  --timeout-s S        overall time limit; on expiry it cleans up and exits 2 (default 900)
  --check              exit 1 when an aim is missed
  -h, --help           this text
env: TEST_AMQP_URL, TEST_RABBITMQ_API, TEST_POSTGRES_URL (defaults: the local docker-compose services)`;

export interface Config {
  json: boolean;
  runs: number;
  warmup: number;
  nasRuns: number;
  telemetry: boolean;
  nodeOptions: string[];
  build: 'auto' | 'always' | 'never';
  runTimeoutMs: number;
  timeoutS: number;
  check: boolean;
}

/** Parses argv; returns null for --help. Throws on a bad option. */
export function parseConfig(argv = process.argv.slice(2)): Config | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '20' },
      'nas-runs': { type: 'string', default: '200' },
      telemetry: { type: 'boolean', default: false },
      'node-options': { type: 'string', default: '' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'run-timeout-s': { type: 'string', default: '30' },
      'timeout-s': { type: 'string', default: '900' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (values.rebuild && values['no-build']) throw new Error('--rebuild and --no-build exclude each other');
  return {
    json: values.json ?? false,
    runs: intOption('runs', values.runs, 1),
    warmup: intOption('warmup', values.warmup, 0),
    nasRuns: intOption('nas-runs', values['nas-runs'], 0),
    telemetry: values.telemetry ?? false,
    nodeOptions: (values['node-options'] ?? '').split(/\s+/).filter(Boolean),
    build: values.rebuild ? 'always' : values['no-build'] ? 'never' : 'auto',
    runTimeoutMs: intOption('run-timeout-s', values['run-timeout-s'], 1) * 1000,
    timeoutS: intOption('timeout-s', values['timeout-s'], 1),
    check: values.check ?? false,
  };
}
