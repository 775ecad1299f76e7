/**
 * The file-system floor: GNU find listing and stat-ing every file of the
 * tree, and block A's `walk()` alone (no database), on the same tree in the
 * same run, both with a warm page cache.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { partialContentHash } from '../../apps/nas-inventory/src/scan/fingerprint';
import { WalkCounters, walk } from '../../apps/nas-inventory/src/scan/walk';
import type { ScanSettings } from '../../apps/nas-inventory/src/scan/scan-engine';
import { percentile } from '../shared/stats';
import { now, withTimeout } from '../shared/util';

export interface FindRun {
  ms: number;
  /** Lines printed = regular files (ignored and side-car files included). */
  lines: number;
}

export interface WalkRun {
  ms: number;
  /** Video files yielded. */
  files: number;
  problems: number;
  counters: WalkCounters;
  /** Node CPU (user + system) over the walk, ms: the walk's own cost, libuv threads included. */
  cpuMs: number;
}

export interface Timed<T> {
  /** The run with the median time (of the timed runs; the warm-up run is not among them). */
  median: T;
  /** Every timed run's ms. */
  runsMs: number[];
  minMs: number;
}

/** `find <root> -type f -printf '%s %T@ %p\n'`, output read through a pipe and counted, as a shell would. */
export function findOnce(root: string, timeoutMs = 120_000): Promise<FindRun> {
  return withTimeout(
    new Promise<FindRun>((resolve, reject) => {
      const started = now();
      const child = spawn('find', [root, '-type', 'f', '-printf', '%s %T@ %p\\n'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let lines = 0;
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => {
        const ms = now() - started;
        if (code === 0) resolve({ ms, lines });
        else reject(new Error(`find exited with ${code}: ${stderr.trim().slice(0, 500)}`));
      });
      const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      kill.unref();
      child.once('close', () => clearTimeout(kill));
    }),
    timeoutMs + 5_000,
    'find',
  );
}

/** `walk()` over the whole root, consuming every item; what the scan's first stage does, minus the database. */
export async function walkOnce(root: string, settings: ScanSettings): Promise<WalkRun> {
  const counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 };
  let files = 0;
  let problems = 0;
  const cpu = process.cpuUsage();
  const started = now();
  for await (const item of walk(root, '', settings, counters)) {
    if (item.kind === 'file') files++;
    else problems++;
  }
  const ms = now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, files, problems, counters, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * find and walk() taking turns: one warm-up run of each (discarded: it warms
 * the page cache and the code), then `repeats` timed rounds of find, walk.
 * Taking turns spreads background load over both alike.
 */
export async function takeTurns(
  repeats: number,
  find: () => Promise<FindRun>,
  walkIt: () => Promise<WalkRun>,
): Promise<{ find: Timed<FindRun>; walk: Timed<WalkRun> }> {
  await find();
  await walkIt();
  const finds: FindRun[] = [];
  const walks: WalkRun[] = [];
  for (let i = 0; i < repeats; i++) {
    finds.push(await find());
    walks.push(await walkIt());
  }
  return { find: summarizeRuns(finds), walk: summarizeRuns(walks) };
}

function summarizeRuns<T extends { ms: number }>(runs: T[]): Timed<T> {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const medianMs = percentile(
    sorted.map((r) => r.ms),
    50,
  );
  return {
    median: sorted.find((r) => r.ms === medianMs)!,
    runsMs: runs.map((r) => r.ms),
    minMs: sorted[0]!.ms,
  };
}

export interface HashSample {
  /** Files hashed (spread evenly over the tree). */
  files: number;
  ms: number;
  msPerFile: number;
  /** Node CPU (user + system) per file, ms. */
  cpuMsPerFile: number;
}

/**
 * `partialContentHash()` alone, one file at a time as the scan's ingestNew()
 * calls it (stat sizes from the walk are not needed: the tree's sizes are
 * read with it). Gives the per-file cost of the fingerprint that the scan's
 * "not attributed" share mostly is.
 */
export async function hashSample(
  root: string,
  videos: readonly string[],
  windowBytes: number,
  sample: number,
): Promise<HashSample> {
  const { stat } = await import('node:fs/promises');
  const step = Math.max(1, Math.floor(videos.length / sample));
  const picked: { abs: string; size: number }[] = [];
  for (let i = 0; i < videos.length && picked.length < sample; i += step) {
    const abs = path.join(root, videos[i]!);
    picked.push({ abs, size: (await stat(abs)).size });
  }
  const cpu = process.cpuUsage();
  const started = now();
  for (const f of picked) await partialContentHash(f.abs, f.size, windowBytes);
  const ms = now() - started;
  const used = process.cpuUsage(cpu);
  return {
    files: picked.length,
    ms,
    msPerFile: ms / picked.length,
    cpuMsPerFile: (used.user + used.system) / 1000 / picked.length,
  };
}
