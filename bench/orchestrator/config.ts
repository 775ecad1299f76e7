import { UsageError, flag, int, optOut, str } from '../shared/options';
import type { ConfigOf } from '../shared/runner';

/** The options of orchestrator.bench.ts (--json, --check, --timeout-s and --help come from the runner). */
export const options = {
  runs: int('sampled full syncs, one after the other', { default: 1000, min: 1 }),
  warmup: int('full syncs before sampling starts, not sampled', { default: 20, min: 0 }),
  nasRuns: int('sequential nas syncs afterwards, for throughput; 0 skips them', { default: 200, min: 0 }),
  telemetry: flag('run the orchestrator with OpenTelemetry on (spans recorded, not exported)'),
  nodeOptions: str(
    'extra node flags for the orchestrator process,\ne.g. --node-options="--cpu-prof --cpu-prof-dir=/tmp/prof"',
  ),
  rebuild: flag('build the orchestrator even when dist/ looks current'),
  build: optOut('never build (fails when dist/apps/orchestrator/main.js is missing)'),
  runTimeoutS: int('a run not finished within S seconds aborts the benchmark', { default: 30, min: 1, arg: 'S' }),
};

export type Config = ConfigOf<typeof options>;

export function validate(config: Config): void {
  if (config.rebuild && !config.build) throw new UsageError('--rebuild and --no-build exclude each other');
}

/** --rebuild: always; --no-build: never; otherwise when dist/ is older than a source. */
export const buildMode = (config: Config): 'auto' | 'always' | 'never' =>
  config.rebuild ? 'always' : config.build ? 'auto' : 'never';
