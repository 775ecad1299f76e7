import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppName, APP_NAMES } from '@pokervod/contracts';
import {
  RABBITMQ_API,
  TEST_AMQP_URL,
  TestDatabase,
  TestTopology,
  createTestDatabase,
  deleteTopology,
  terminateBackends,
  uniqueTopology,
  waitFor,
} from '@pokervod/testing';

const REPO = join(__dirname, '..', '..');
const LOG_DIR = join(REPO, 'tmp', 'e2e-logs');
/** Built apps to run: `<repo>/dist/apps`, or POKERVOD_E2E_DIST (e.g. a build of a clean checkout). */
const DIST = process.env['POKERVOD_E2E_DIST'] ?? join(REPO, 'dist', 'apps');

export interface RunningApp {
  name: AppName;
  port: number;
  url: string;
  process: ChildProcess;
  exit: Promise<number | null>;
}

/**
 * The whole system as real processes (the built `dist/apps/*`), isolated
 * from anything else on the machine: its own database, its own RabbitMQ
 * exchange and queue names, free ports. Logs go to tmp/e2e-logs/.
 */
export class TestSystem {
  readonly apiKey = randomBytes(24).toString('hex');
  readonly apps = new Map<AppName, RunningApp>();
  db!: TestDatabase;
  topology!: TestTopology;

  /**
   * @param only start just these apps (the rest may be test doubles); @param extraEnv added to every app;
   * @param options.readyTimeoutMs how long an app may take to become ready (default 60 s; a busy machine needs more).
   */
  constructor(
    private readonly only: readonly AppName[] = APP_NAMES,
    private readonly extraEnv: NodeJS.ProcessEnv = {},
    private readonly options: { readyTimeoutMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    this.db = await createTestDatabase('e2e');
    this.topology = uniqueTopology('e2e');
    const job = spawnSync('node', [dist('database'), 'migrate'], { env: this.env('database'), encoding: 'utf8' });
    if (job.status !== 0) throw new Error(`migrate job failed: ${job.stderr}`);

    for (const name of this.only) this.apps.set(name, this.spawn(name, await freePort()));
    await Promise.all([...this.apps.values()].map((app) => this.waitReady(app)));
  }

  env(app: AppName, port?: number): NodeJS.ProcessEnv {
    return {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      PORT: port === undefined ? undefined : String(port),
      DATABASE_URL: this.db.url,
      AMQP_URL: TEST_AMQP_URL,
      AMQP_EXCHANGE: this.topology.exchange,
      AMQP_COMMAND_EXCHANGE: this.topology.commandExchange,
      AMQP_QUEUE_PREFIX: this.topology.queuePrefix,
      ORCHESTRATOR_API_KEY: this.apiKey,
      LOG_LEVEL: 'info',
      // The dashboard's only dependency (docs/architecture.md#block-dependencies);
      // APP_NAMES starts the API first.
      API_URL: app === 'dashboard' ? this.apps.get('api')?.url : undefined,
      // The API's dashboard proxy; APP_NAMES starts the orchestrator first.
      ORCHESTRATOR_URL: app === 'api' ? this.apps.get('orchestrator')?.url : undefined,
      ...this.extraEnv,
    };
  }

  private spawn(name: AppName, port: number): RunningApp {
    const child = spawn('node', [dist(name)], {
      env: this.env(name, port),
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { name, port, url: `http://127.0.0.1:${port}`, process: child, exit };
  }

  async waitReady(app: RunningApp, timeoutMs = this.options.readyTimeoutMs ?? 60_000): Promise<void> {
    await waitFor(
      async () => {
        if (app.process.exitCode !== null) throw new Error(`${app.name} exited with ${app.process.exitCode}`);
        return (await fetch(`${app.url}/health/ready`)).status === 200;
      },
      { timeoutMs, intervalMs: 250, description: `${app.name} ready (see tmp/e2e-logs/${app.name}.log)` },
    );
  }

  /** Kills one app the hard way (no shutdown hooks), as a crash would. */
  async kill(name: AppName): Promise<void> {
    const app = this.app(name);
    app.process.kill('SIGKILL');
    await app.exit;
  }

  /** Starts a stopped app again on its port and waits until it is ready. */
  async restart(name: AppName): Promise<RunningApp> {
    const app = this.spawn(name, this.app(name).port);
    this.apps.set(name, app);
    await this.waitReady(app);
    return app;
  }

  app(name: AppName): RunningApp {
    return this.apps.get(name)!;
  }

  /**
   * Fault injection: force-closes every RabbitMQ connection of this system's
   * processes (found by the `<app>@<host>:<pid>` connection name each opens)
   * through the management API, and nobody else's. The API lists a new
   * connection a few seconds late (its statistics interval), so it first waits
   * until each of `apps` is listed. Answers how many were closed.
   */
  async closeAmqpConnections(apps: readonly AppName[]): Promise<number> {
    await waitFor(async () => includesAll(await this.appsConnectedToRabbitMq(), apps), {
      timeoutMs: 30_000,
      description: `RabbitMQ's management API to list the connections of ${apps.join(', ')}`,
    });
    const { ours, auth } = await this.amqpConnections();
    for (const c of ours) {
      const target = new URL(`${RABBITMQ_API}/connections/${encodeURIComponent(c.name)}`);
      target.username = target.password = '';
      await fetch(target, { method: 'DELETE', headers: { authorization: auth, 'X-Reason': 'e2e fault injection' } });
    }
    return ours.length;
  }

  /** The apps whose RabbitMQ connections the management API lists (it lists new ones a few seconds late). */
  async appsConnectedToRabbitMq(): Promise<string[]> {
    const { ours } = await this.amqpConnections();
    return [...new Set(ours.map((c) => /^(.+)@/.exec(c.client_properties?.connection_name ?? '')?.[1] ?? ''))].sort();
  }

  private async amqpConnections() {
    const url = new URL(`${RABBITMQ_API}/connections?columns=name,client_properties`);
    const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = url.password = '';
    const list = (await (await fetch(url, { headers: { authorization: auth } })).json()) as {
      name: string;
      client_properties?: { connection_name?: string };
    }[];
    const mine = new Set([...this.apps.values()].map((a) => `${a.name}@:${a.process.pid}`));
    const ours = list.filter((c) => {
      const m = /^(.+)@.*:(\d+)$/.exec(c.client_properties?.connection_name ?? '');
      return m !== null && mine.has(`${m[1]}@:${m[2]}`);
    });
    return { ours, auth };
  }

  /** Fault injection: terminates every Postgres backend connected to this system's database. Answers how many. */
  terminateDatabaseBackends(): Promise<number> {
    return terminateBackends(this.db.url, '%');
  }

  /** SIGTERM to every app; resolves to each one's exit code. */
  async stop(): Promise<Record<string, number | null>> {
    const codes: Record<string, number | null> = {};
    await Promise.all(
      [...this.apps.values()].map(async (app) => {
        if (app.process.exitCode === null) app.process.kill('SIGTERM');
        const timer = setTimeout(() => app.process.kill('SIGKILL'), 15_000);
        codes[app.name] = await app.exit;
        clearTimeout(timer);
      }),
    );
    return codes;
  }

  async cleanUp(): Promise<void> {
    await this.stop();
    if (this.topology) await deleteTopology(this.topology);
    if (this.db) await this.db.drop();
  }
}

function dist(app: AppName): string {
  return join(DIST, app, 'main.js');
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

function includesAll(listed: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((name) => listed.includes(name));
}
