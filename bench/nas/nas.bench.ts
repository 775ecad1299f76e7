/**
 * NAS scan benchmark (not a test: it prints numbers). Block A's scan
 * (`scanRoot`: walk + parse + content hash + store + outbox events) on
 * generated trees of 1,400 and 100,000 video files, next to GNU find on the
 * same tree in the same run:
 *
 *   1. find -type f -printf '%s %T@ %p\n' and walk() alone, warm cache → ratio
 *   2. the first scan into a fresh, migrated database (real repository, real
 *      parser, events written to nas.outbox as the bus writes them)
 *   3. a re-scan of the unchanged tree (it must write nothing)
 *   4. a scan after moving 1 % and touching 1 % of the files
 *   5. the outbox relayed to a throw-away RabbitMQ exchange (separately)
 *
 * with the scanning process's RSS sampled every 100 ms.
 *
 *   npm run bench:nas                 # table on stdout, progress on stderr
 *   npm run bench:nas -- --quick      # the 1,400-file tree only
 *   npm run bench:nas -- --json       # machine-readable results on stdout
 *   npm run bench:nas -- --help
 *
 * See bench/README.md.
 */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadNote } from '../bus/report';
import { abort, onCleanup, progress, runAllCleanups } from '../bus/util';
import { Config, USAGE, parseConfig } from './config';
import { brokerReachable, checkDisk, defaultSettings, removeTree, runSize } from './phases';
import type { SizeResult } from './phases';
import { BenchResults, checkTargets, renderReport } from './report';
import { compileWorker } from './compile-worker';
import { WorkerLaunch, swcNodeLaunch } from './worker-client';

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

  const tmpParent = config.tmpDir ?? os.tmpdir();
  const disk = checkDisk(tmpParent, config.sizes);
  const tmp = mkdtempSync(path.join(tmpParent, 'pokervod-bench-nas-'));
  if (!config.keepTree) onCleanup(`remove ${tmp}`, () => removeTree(tmp));

  const settings = await defaultSettings(config.concurrency);
  const relayOn = config.relay && (await brokerReachable());
  if (config.relay && !relayOn) progress('RabbitMQ is not reachable: the outbox relay is not measured');

  let launch: WorkerLaunch = swcNodeLaunch();
  if (!config.workerTs) {
    const compiled = compileWorker(path.join(tmp, 'worker-js'));
    progress(`scan worker compiled: ${compiled.files} files in ${Math.round(compiled.ms)} ms → ${compiled.entry}`);
    const nodePath = [path.join(__dirname, '..', '..', 'node_modules'), process.env['NODE_PATH']].filter(Boolean);
    launch = {
      entry: compiled.entry,
      execArgv: ['--expose-gc'], // only so that each scan can start from a collected heap
      env: { ...process.env, NODE_PATH: nodePath.join(path.delimiter) },
      runtime: 'compiled',
    };
  }

  let findVersion: string | null = null;
  try {
    findVersion = execFileSync('find', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null;
  } catch {
    // not GNU find? the -printf run will say so
  }
  const meta: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    find: findVersion,
    tmp,
    disk,
    relay: relayOn,
    workerRuntime: launch.runtime,
  };
  const started = performance.now();
  const sizes: SizeResult[] = [];
  for (const size of config.sizes) sizes.push(await runSize(config, size, tmp, settings, relayOn, launch));
  meta['durationS'] = Math.round((performance.now() - started) / 100) / 10;
  meta['loadAverageAtEnd'] = os.loadavg().map((l) => Math.round(l * 100) / 100);

  const targets = checkTargets(sizes);
  const results: BenchResults = {
    meta,
    config: { ...config },
    settings: { ...settings, extensions: [...settings.extensions] },
    sizes,
    targets,
    pass: targets.every((t) => t.info || t.pass),
  };
  clearTimeout(overall);
  await runAllCleanups(); // removes the temp dir

  const s = results.settings;
  const server = sizes[0]?.server ?? {};
  const out = config.json
    ? `${JSON.stringify(results, null, 2)}\n`
    : `NAS scan benchmark — node ${meta['node']}, ${meta['cpus']} CPUs, ${findVersion ?? 'find ?'}, ` +
      `Postgres ${server['server_version'] ?? '?'} (autovacuum ${server['autovacuum'] ?? '?'}, fsync ${server['fsync'] ?? '?'}, ` +
      `synchronous_commit ${server['synchronous_commit'] ?? '?'}${config.analyze ? ', ANALYZE after each scan' : ''}), ${meta['durationS']} s\n` +
      `settings (NAS_* defaults): concurrency ${s['concurrency']}, hash window ${Number(s['hashWindowBytes']) / 1024} KiB, ` +
      `stable after ${s['stableSeconds']} s, extensions ${(s['extensions'] as string[]).join(',')}; ` +
      `scans run in a separate worker process (${launch.runtime === 'compiled' ? 'compiled JS on bare node' : 'TypeScript under @swc-node/register: RSS includes the compiler'}; ` +
      `its RSS is the one measured${config.gc ? ', a full GC before each scan' : ', no GC forced between scans'}); ` +
      `${config.sparse ? 'sparse videos of 0.5–8 GB; ' : '1–4 kB videos; '}page cache warm throughout\n\n` +
      renderReport(results) +
      loadNote(meta);
  const code = config.check && !results.pass ? 1 : 0;
  process.stdout.write(out, () => process.exit(code));
}

main().catch((error: Error) => void abort(error.stack ?? error.message, 2));
