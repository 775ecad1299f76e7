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
import * as os from 'node:os';
import { environment } from '../bus/phases';
import { loadNote } from '../bus/report';
import { abort, progress, runAllCleanups } from '../bus/util';
import { ensureBuilt } from './build';
import { Config, USAGE, parseConfig } from './config';
import { runPhases } from './phases';
import { BenchResults, checkTargets, renderTable } from './report';

async function main(): Promise<void> {
  let cfg: Config | null;
  try {
    cfg = parseConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (!cfg) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const config = cfg;
  const overall = setTimeout(
    () => void abort(`overall timeout of ${config.timeoutS} s reached`, 2),
    config.timeoutS * 1000,
  );
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));

  const meta: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ...(await environment({ postgres: true })),
    telemetry: config.telemetry,
  };
  const started = performance.now();
  const build = await ensureBuilt(config.build);
  progress(`orchestrator build: ${build.action} dist/apps/orchestrator/main.js (${build.reason})`);
  const results = await runPhases(config, meta, build);
  meta['durationS'] = Math.round((performance.now() - started) / 100) / 10;
  meta['loadAverageAtEnd'] = os.loadavg().map((l) => Math.round(l * 100) / 100);

  const targets = checkTargets(results);
  const full: BenchResults = {
    meta,
    config: { ...config },
    ...results,
    targets,
    pass: targets.every((t) => t.info || t.pass),
  };
  clearTimeout(overall);
  await runAllCleanups(); // normally nothing is left

  const out = config.json
    ? `${JSON.stringify(full, null, 2)}\n`
    : `Orchestrator benchmark — node ${meta['node']}, RabbitMQ ${meta['rabbitmq'] ?? '?'}, Postgres ${meta['postgres'] ?? '?'}, ` +
      `${meta['cpus']} CPUs, telemetry ${config.telemetry ? 'ON' : 'off'}, ${meta['durationS']} s\n` +
      `orchestrator: ${build.action} dist/apps/orchestrator/main.js (${build.reason}` +
      `${build.buildSeconds !== null ? `, ${build.buildSeconds} s` : ''})\n` +
      renderTable(full) +
      loadNote(meta);
  const code = config.check && !full.pass ? 1 : 0;
  process.stdout.write(out, () => process.exit(code));
}

main().catch((error: Error) => void abort(error.stack ?? error.message, 2));
