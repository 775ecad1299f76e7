/**
 * Orchestrator benchmark (not a test: it prints numbers). Runs the real,
 * built orchestrator as a child process against doubles of blocks A–D that
 * answer every `*.requested` event at once, and measures:
 *
 *   1. the orchestrator's overhead per phase transition — completion event
 *      published → the next request arrives (p50/p95/p99/max), next to the
 *      bare broker hop measured in the same run
 *   2. the orchestrator's RSS when ready, after 100 and after all full syncs
 *   3. runs per second, one run at a time (full, then nas)
 *
 *   npm run bench:orchestrator                 # table on stdout, progress on stderr
 *   npm run bench:orchestrator -- --json       # machine-readable results on stdout
 *   npm run bench:orchestrator -- --help
 *
 * See bench/README.md.
 */
import { BENCH_ENV, runBench } from '../shared/runner';
import { progress } from '../shared/util';
import { brokerEnvironment } from '../shared/world';
import { ensureBuilt } from './build';
import { buildMode, options, validate } from './config';
import { runPhases } from './phases';
import { checkTargets, renderTable } from './report';

runBench({
  script: 'orchestrator.bench.ts',
  about:
    'The built orchestrator against instant doubles of blocks A–D: overhead per phase transition\n' +
    '(completion published → next request), its RSS over 1,000 full syncs, and runs per second.',
  options,
  timeoutS: 900,
  env: BENCH_ENV,
  validate,
  async run(config, meta) {
    Object.assign(meta, await brokerEnvironment(), { telemetry: config.telemetry });
    const build = await ensureBuilt(buildMode(config));
    progress(`orchestrator build: ${build.action} dist/apps/orchestrator/main.js (${build.reason})`);
    const results = await runPhases(config, meta, build);
    return { ...results, targets: checkTargets(results) };
  },
  report: ({ targets, ...r }, { config, meta }) =>
    `Orchestrator benchmark — node ${meta['node']}, RabbitMQ ${meta['rabbitmq'] ?? '?'}, Postgres ${meta['postgres'] ?? '?'}, ` +
    `${meta['cpus']} CPUs, telemetry ${config.telemetry ? 'ON' : 'off'}, ${meta['durationS']} s\n` +
    `orchestrator: ${r.build.action} dist/apps/orchestrator/main.js (${r.build.reason}` +
    `${r.build.buildSeconds !== null ? `, ${r.build.buildSeconds} s` : ''})\n` +
    renderTable(r, targets),
});
