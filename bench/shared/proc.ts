/**
 * The processes a benchmark starts (the app under test, a worker) and what
 * Linux says about them: memory and CPU from /proc, system calls, a free
 * port, readiness over HTTP, and a stop that always ends them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { REPO } from './compile';
import { now, onCleanup, progress, sleep } from './util';

/** Memory and CPU of a process from /proc (Linux); NaN elsewhere or when it is gone. */
export interface ProcStats {
  /** Resident set size, MB (VmRSS). */
  rssMb: number;
  /** Peak resident set size so far, MB (VmHWM). */
  hwmMb: number;
  /** User + system CPU time used so far, ms. */
  cpuMs: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function procStats(pid: number): ProcStats {
  let rssMb = NaN;
  let hwmMb = NaN;
  let cpuMs = NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    rssMb = kb('VmRSS') / 1024;
    hwmMb = kb('VmHWM') / 1024;
    // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpuMs = ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
  } catch {
    // not Linux, or the process is gone
  }
  return { rssMb, hwmMb, cpuMs };
}

/** Read and write system calls of a process so far (/proc/<pid>/io; NaN elsewhere). */
export function syscalls(pid: number): { reads: number; writes: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? NaN);
    return { reads: field('syscr'), writes: field('syscw') };
  } catch {
    return { reads: NaN, writes: NaN };
  }
}

/** A TCP port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child the benchmark started, stopped by clean-up at the latest and killed if the benchmark dies first. */
export interface Supervised {
  readonly child: ChildProcess;
  /** Resolves with the exit code (-1: ended by a signal). */
  readonly exited: Promise<number | null>;
  readonly running: boolean;
  /** Asks it to stop, SIGKILL after the grace period; resolves with the exit code. Idempotent. */
  stop(): Promise<number | null>;
}

/**
 * Watches `child`: SIGKILL when this process exits without stopping it, and
 * a clean-up entry that stops it. `ask` asks it to stop (default SIGTERM; an
 * IPC child can be sent a message instead); after `graceMs` it is killed.
 */
export function supervise(
  child: ChildProcess,
  label: string,
  { graceMs = 15_000, ask = () => void child.kill('SIGTERM') }: { graceMs?: number; ask?: () => void } = {},
): Supervised {
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => void (alive() && child.kill('SIGKILL'));
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve(code ?? (signal ? -1 : null));
    }),
  );
  let stopping: Promise<number | null> | null = null;
  const stop = (): Promise<number | null> =>
    (stopping ??= (async () => {
      if (!alive()) return exited;
      ask();
      const killer = setTimeout(() => {
        progress(`${label} (pid ${child.pid}) did not exit within ${graceMs / 1000} s: SIGKILL`);
        child.kill('SIGKILL');
      }, graceMs);
      killer.unref();
      const code = await exited;
      clearTimeout(killer);
      return code;
    })());
  onCleanup(`stop ${label} (pid ${child.pid})`, stop);
  return {
    child,
    exited,
    get running() {
      return alive();
    },
    stop,
  };
}

/**
 * Polls `url` until it answers 200; fails at once when `child` exits, and
 * after `timeoutMs`. Returns how long it took, ms.
 */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  { timeoutMs = 120_000, what = url }: { timeoutMs?: number; what?: string } = {},
): Promise<number> {
  const started = now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${what}: the process exited (${child.signalCode ?? child.exitCode}) before it was ready`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => {
        void res.body?.cancel();
        return res.status;
      },
      () => 0,
    );
    if (status === 200) return now() - started;
    if (now() - started > timeoutMs) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/**
 * Runs a command (a build) in the repository, in its own process group, its
 * output on our stderr (stdout stays clean for --json); an abort stops the
 * whole group. No Nx daemon is left behind, no cloud is asked.
 */
export function runCommand(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO,
      stdio: ['ignore', 2, 2],
      detached: true,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    const stop = onCleanup(`stop ${command} ${args.join(' ')} (pid ${child.pid})`, async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void stop();
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}
