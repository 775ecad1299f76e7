/** The benchmark's side of catalog-process.ts: start it, follow its memory, stop it. */
import { fork } from 'node:child_process';
import { Supervised, supervise } from '../shared/proc';
import { withTimeout } from '../shared/util';

export interface Launch {
  entry: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
  runtime: 'compiled' | 'swc-node';
}

type Message = { type: 'ready'; rssMb: number } | { type: 'memory'; rssMb: number; heapUsedMb: number };

export class CatalogProcess {
  private process: Supervised | null = null;
  /** Highest RSS / heap reported since the last `resetPeak()`. */
  peakRssMb = 0;
  peakHeapMb = 0;
  lastRssMb = 0;

  constructor(private readonly launch: Launch) {}

  get pid(): number {
    return this.process?.child.pid ?? -1;
  }

  async start(env: Record<string, string>, timeoutMs = 120_000): Promise<{ rssMb: number }> {
    const child = fork(this.launch.entry, [], {
      execArgv: this.launch.execArgv,
      env: { ...this.launch.env, ...env },
      stdio: ['ignore', 2, 2, 'ipc'], // what the catalog prints goes to stderr, never into --json
    });
    // Asked to close the app and exit over IPC; SIGKILL after 15 s.
    this.process = supervise(child, 'the catalog process', {
      ask: () => void (child.connected && child.send({ type: 'exit' }, () => undefined)),
    });
    const ready = new Promise<{ rssMb: number }>((resolve, reject) => {
      child.on('message', (m: Message) => {
        if (m.type === 'ready') resolve(m);
        if (m.type === 'memory') {
          this.lastRssMb = m.rssMb;
          this.peakRssMb = Math.max(this.peakRssMb, m.rssMb);
          this.peakHeapMb = Math.max(this.peakHeapMb, m.heapUsedMb);
        }
      });
      child.once('exit', (code, signal) => reject(new Error(`the catalog process exited (${signal ?? code})`)));
    });
    return withTimeout(ready, timeoutMs, 'catalog start');
  }

  resetPeak(): void {
    this.peakRssMb = this.lastRssMb;
    this.peakHeapMb = 0;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
