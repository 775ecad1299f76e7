/**
 * NAS scan benchmark (not a test: it prints numbers). Block A's scan
 * (`scanRoot`: walk + parse + content hash + store + outbox events) on
 * generated trees of 1,400 and 100,000 video files, next to GNU find on the
 * same tree in the same run:
 *
 *   1. find -type f -printf '%s %T@ %p\n' and walk() alone, warm cache → ratio
 *   2. the first scan into a fresh, migrated database (real repository, real
 *      parser, events written to nas.outbox by the bus's publishManyInTransaction)
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
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileForNode } from '../shared/compile';
import { BENCH_ENV, runBench } from '../shared/runner';
import { onCleanup, progress } from '../shared/util';
import { options, sizesOf, validate } from './config';
import { SizeResult, brokerReachable, checkDisk, defaultSettings, removeTree, runSize } from './phases';
import { checkTargets, renderReport } from './report';
import { WorkerLaunch, swcNodeLaunch } from './worker-client';

runBench({
  script: 'nas.bench.ts',
  about:
    "Block A's scan on generated NAS trees next to GNU find: walk, first scan, re-scan, churn scan,\n" +
    "outbox relay, and the scanning process's memory.",
  options,
  timeoutS: 1800,
  env: BENCH_ENV,
  validate,
  async run(config, meta) {
    const sizes = sizesOf(config);
    const tmpParent = config.tmpDir ?? os.tmpdir();
    const disk = checkDisk(tmpParent, sizes);
    const tmp = mkdtempSync(path.join(tmpParent, 'pokervod-bench-nas-'));
    if (!config.keepTree) onCleanup(`remove ${tmp}`, () => removeTree(tmp));

    const settings = await defaultSettings(config.concurrency ?? null);
    const relayOn = config.relay && (await brokerReachable());
    if (config.relay && !relayOn) progress('RabbitMQ is not reachable: the outbox relay is not measured');

    let launch: WorkerLaunch = swcNodeLaunch();
    if (!config.workerTs) {
      const compiled = compileForNode(path.join(__dirname, 'scan-worker.ts'), path.join(tmp, 'worker-js'));
      progress(`scan worker compiled: ${compiled.files} files in ${Math.round(compiled.ms)} ms → ${compiled.entry}`);
      // --expose-gc only so that each scan can start from a collected heap.
      launch = { entry: compiled.entry, execArgv: ['--expose-gc'], env: compiled.env, runtime: 'compiled' };
    }

    let findVersion: string | null = null;
    try {
      findVersion = execFileSync('find', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null;
    } catch {
      // not GNU find? the -printf run will say so
    }
    Object.assign(meta, { find: findVersion, tmp, disk, relay: relayOn, workerRuntime: launch.runtime });
    const results: SizeResult[] = [];
    for (const size of sizes) results.push(await runSize(config, size, tmp, settings, relayOn, launch));
    return {
      settings: { ...settings, extensions: [...settings.extensions] },
      sizes: results,
      targets: checkTargets(results),
    };
  },
  report: ({ targets, ...r }, { config, meta }) => {
    const s = r.settings;
    const server = r.sizes[0]?.server ?? {};
    return (
      `NAS scan benchmark — node ${meta['node']}, ${meta['cpus']} CPUs, ${meta['find'] ?? 'find ?'}, ` +
      `Postgres ${server['server_version'] ?? '?'} (autovacuum ${server['autovacuum'] ?? '?'}, fsync ${server['fsync'] ?? '?'}, ` +
      `synchronous_commit ${server['synchronous_commit'] ?? '?'}${config.analyze ? ', ANALYZE after each scan' : ''}), ${meta['durationS']} s\n` +
      `settings (NAS_* defaults): concurrency ${s['concurrency']}, hash window ${Number(s['hashWindowBytes']) / 1024} KiB, ` +
      `stable after ${s['stableSeconds']} s, extensions ${(s['extensions'] as string[]).join(',')}; ` +
      `scans run in a separate worker process (${meta['workerRuntime'] === 'compiled' ? 'compiled JS on bare node' : 'TypeScript under @swc-node/register: RSS includes the compiler'}; ` +
      `its RSS is the one measured${config.gc ? ', a full GC before each scan' : ', no GC forced between scans'}); ` +
      `${config.sparseVideos ? 'sparse videos of 0.5–8 GB; ' : '1–4 kB videos; '}page cache warm throughout\n\n` +
      renderReport(r, targets, config)
    );
  },
});
