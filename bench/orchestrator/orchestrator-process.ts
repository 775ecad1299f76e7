/**
 * The real orchestrator (`node dist/apps/orchestrator/main.js`) as a child
 * process, as e2e/support/system.ts starts it, and what /proc says about it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { TEST_AMQP_URL, TestTopology, waitFor } from '@pokervod/testing';
import { onCleanup, progress } from '../bus/util';
import { ORCHESTRATOR_MAIN, REPO } from './build';

/** Memory and CPU of a process from /proc (Linux); NaN elsewhere. */
export interface ProcSample {
  /** What had happened when the sample was taken. */
  label: string;
  /** Full syncs finished by then (warm-up included). */
  fullRuns: number;
  /** Resident set size, MB (VmRSS). */
  rssMb: number;
  /** Peak resident set size so far, MB (VmHWM). */
  hwmMb: number;
  /** User + system CPU time used so far, ms. */
  cpuMs: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function procSample(pid: number, label: string, fullRuns: number): ProcSample {
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
  return { label, fullRuns, rssMb, hwmMb, cpuMs };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class OrchestratorProcess {
  readonly apiKey = `bench-${randomBytes(16).toString('hex')}`;
  url = '';
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> = Promise.resolve(null);
  /** The last lines the orchestrator wrote (LOG_LEVEL=warn: warnings and errors), shown when something fails. */
  private readonly tail: string[] = [];
  /** Log lines seen (with LOG_LEVEL=warn every one is a warning or an error). */
  logLines = 0;

  constructor(
    private readonly opts: { databaseUrl: string; topology: TestTopology; telemetry: boolean; nodeOptions?: string[] },
  ) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('the orchestrator is not running');
    return this.child.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const { topology } = this.opts;
    const child = spawn('node', [...(this.opts.nodeOptions ?? []), ORCHESTRATOR_MAIN], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: this.opts.databaseUrl,
        AMQP_URL: TEST_AMQP_URL,
        AMQP_EXCHANGE: topology.exchange,
        AMQP_COMMAND_EXCHANGE: topology.commandExchange,
        AMQP_QUEUE_PREFIX: topology.queuePrefix,
        ORCHESTRATOR_API_KEY: this.apiKey,
        LOG_LEVEL: 'warn',
        SCHEDULE_FULL_SYNC: 'off',
        SCHEDULE_SHEETS_SYNC: 'off',
        SCHEDULE_NAS_SCAN: 'off',
        // Telemetry on: spans are recorded (no OTEL_EXPORTER_OTLP_ENDPOINT, so none are exported).
        ...(this.opts.telemetry ? {} : { OTEL_SDK_DISABLED: 'true' }),
      },
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.logLines++;
        this.tail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
        if (this.tail.length > 40) this.tail.shift();
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    // Last resort if this process dies without running its cleanups.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    onCleanup(`stop the orchestrator (pid ${child.pid})`, async () => {
      await this.stop();
      process.removeListener('exit', killOnExit);
    });

    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the orchestrator exited with ${child.exitCode}`);
        return (await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) })).status === 200;
      },
      { timeoutMs, intervalMs: 100, description: 'the orchestrator to be ready (GET /health/ready = 200)' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.logTail()}`);
    });
  }

  /** SIGTERM, then SIGKILL after 15 s; resolves to the exit code (-1: killed by a signal). */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await this.exit;
    clearTimeout(timer);
    return code;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(): string {
    return this.tail.length
      ? `last orchestrator output:\n  ${this.tail.join('\n  ')}`
      : '(the orchestrator wrote nothing at LOG_LEVEL=warn)';
  }

  sample(label: string, fullRuns: number): ProcSample {
    const s = procSample(this.pid, label, fullRuns);
    progress(
      `orchestrator ${label}: RSS ${s.rssMb.toFixed(1)} MB (peak ${s.hwmMb.toFixed(1)} MB), CPU ${Math.round(s.cpuMs)} ms`,
    );
    return s;
  }
}
