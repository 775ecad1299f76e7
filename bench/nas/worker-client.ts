/** The parent's side of scan-worker.ts: start it, ask for scans, stop it. */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { Supervised, supervise } from '../shared/proc';
import { withTimeout } from '../shared/util';
import type { ScanMeasurement, WorkerInit } from './scan-worker';

export interface WorkerReady {
  /** RSS once the modules are loaded and the DataSource is connected, MB. */
  rssMb: number;
  heapUsedMb: number;
  hwmMb: number;
  /** fork() → ready (modules loaded, pool connected), ms. */
  startMs: number;
  /** 'compiled' (bare node) or 'swc-node' (TypeScript compiled on the fly, compiler in the process). */
  runtime: string;
}

type Reply =
  | ({ type: 'ready' } & Omit<WorkerReady, 'startMs' | 'runtime'>)
  | { type: 'scanned'; measurement: ScanMeasurement }
  | { type: 'failed'; error: string };

/** How to start the worker: a compiled entry on bare node, or scan-worker.ts under @swc-node/register. */
export interface WorkerLaunch {
  entry: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
  /** For the output: 'compiled' or 'swc-node'. */
  runtime: string;
}

/** The TypeScript source run through `-r @swc-node/register` (inherited from the benchmark process). */
export function swcNodeLaunch(): WorkerLaunch {
  return {
    entry: path.join(__dirname, 'scan-worker.ts'),
    execArgv: [...process.execArgv, '--expose-gc'],
    env: process.env,
    runtime: 'swc-node',
  };
}

export class ScanWorker {
  constructor(private readonly launch: WorkerLaunch) {}

  private process: Supervised | null = null;
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  ready: WorkerReady | null = null;

  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  async start(init: Omit<WorkerInit, 'type'>): Promise<WorkerReady> {
    const started = performance.now();
    const child = fork(this.launch.entry, [], {
      execArgv: this.launch.execArgv,
      stdio: ['ignore', 2, 2, 'ipc'], // anything the worker prints goes to stderr, never into --json
      env: this.launch.env,
    });
    // Asked to exit over IPC (it closes its pool); SIGKILL after 5 s.
    this.process = supervise(child, 'the scan worker', {
      graceMs: 5_000,
      ask: () => void (child.connected && child.send({ type: 'exit' }, () => undefined)),
    });
    void this.process.exited.then((code) => {
      const w = this.waiting;
      this.waiting = null;
      w?.reject(new Error(`the scan worker exited (${code}) while it was busy`));
    });
    child.on('message', (m: Reply) => {
      const w = this.waiting;
      this.waiting = null;
      if (!w) return;
      if (m.type === 'failed') w.reject(new Error(`scan worker: ${m.error}`));
      else w.resolve(m);
    });
    const reply = await this.ask({ type: 'init', ...init }, 120_000, 'starting the scan worker');
    if (reply.type !== 'ready') throw new Error(`unexpected reply ${reply.type}`);
    this.ready = {
      rssMb: reply.rssMb,
      heapUsedMb: reply.heapUsedMb,
      hwmMb: reply.hwmMb,
      startMs: performance.now() - started,
      runtime: this.launch.runtime,
    };
    return this.ready;
  }

  async scan(label: string, root: { name: string; path: string }, timeoutMs: number): Promise<ScanMeasurement> {
    const reply = await this.ask({ type: 'scan', label, root }, timeoutMs, `scan "${label}"`);
    if (reply.type !== 'scanned') throw new Error(`unexpected reply ${reply.type}`);
    return reply.measurement;
  }

  private ask(message: object, timeoutMs: number, what: string): Promise<Reply> {
    const child = this.process?.child;
    if (!child?.connected) return Promise.reject(new Error('the scan worker is not running'));
    if (this.waiting) return Promise.reject(new Error('the scan worker is busy'));
    const reply = new Promise<Reply>((resolve, reject) => {
      this.waiting = { resolve, reject };
      child.send(message, (error) => {
        if (error && this.waiting) {
          this.waiting = null;
          reject(error);
        }
      });
    });
    return withTimeout(reply, timeoutMs, what);
  }

  /** Asks the worker to close its pool and exit; SIGKILL after 5 s. Idempotent. */
  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
