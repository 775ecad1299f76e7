/**
 * The real orchestrator (`node dist/apps/orchestrator/main.js`) as a child
 * process, as e2e/support/system.ts starts it, and what /proc says about it.
 */
import { spawn } from 'node:child_process';
import type { TestWorld } from '@pokervod/test-world';
import { REPO } from '../shared/compile';
import { ProcStats, Supervised, freePort, procStats, supervise, waitForHttp } from '../shared/proc';
import { progress } from '../shared/util';
import { ORCHESTRATOR_MAIN } from './build';

/** Memory and CPU of the orchestrator at one point of the run. */
export interface ProcSample extends ProcStats {
  /** What had happened when the sample was taken. */
  label: string;
  /** Full syncs finished by then (warm-up included). */
  fullRuns: number;
}

export class OrchestratorProcess {
  /** The API key the orchestrator is started with (the world's `ORCHESTRATOR_API_KEY`). */
  readonly apiKey: string;
  url = '';
  private process: Supervised | null = null;
  /** The last lines the orchestrator wrote (LOG_LEVEL=warn: warnings and errors), shown when something fails. */
  private readonly tail: string[] = [];
  /** Log lines seen (with LOG_LEVEL=warn every one is a warning or an error). */
  logLines = 0;

  constructor(private readonly opts: { world: TestWorld; telemetry: boolean; nodeOptions?: string[] }) {
    this.apiKey = opts.world.env['ORCHESTRATOR_API_KEY']!;
  }

  get pid(): number {
    const pid = this.process?.child.pid;
    if (!pid) throw new Error('the orchestrator is not running');
    return pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn('node', [...(this.opts.nodeOptions ?? []), ORCHESTRATOR_MAIN], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: String(port),
        ...this.opts.world.env,
        LOG_LEVEL: 'warn',
        SCHEDULE_FULL_SYNC: 'off',
        SCHEDULE_SHEETS_SYNC: 'off',
        SCHEDULE_NAS_SCAN: 'off',
        // Telemetry on: spans are recorded (no OTEL_EXPORTER_OTLP_ENDPOINT, so none are exported).
        ...(this.opts.telemetry ? {} : { OTEL_SDK_DISABLED: 'true' }),
      },
    });
    this.process = supervise(child, 'the orchestrator');
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
    await waitForHttp(`${this.url}/health/ready`, child, {
      timeoutMs,
      what: 'the orchestrator (GET /health/ready = 200)',
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.logTail()}`);
    });
  }

  /** SIGTERM, then SIGKILL after 15 s; resolves to the exit code (-1: killed by a signal). */
  stop(): Promise<number | null> {
    return this.process?.stop() ?? Promise.resolve(null);
  }

  logTail(): string {
    return this.tail.length
      ? `last orchestrator output:\n  ${this.tail.join('\n  ')}`
      : '(the orchestrator wrote nothing at LOG_LEVEL=warn)';
  }

  sample(label: string, fullRuns: number): ProcSample {
    const s = { label, fullRuns, ...procStats(this.pid) };
    progress(
      `orchestrator ${label}: RSS ${s.rssMb.toFixed(1)} MB (peak ${s.hwmMb.toFixed(1)} MB), CPU ${Math.round(s.cpuMs)} ms`,
    );
    return s;
  }
}
