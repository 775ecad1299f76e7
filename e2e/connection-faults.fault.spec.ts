import { join } from 'node:path';
import { APP_NAMES } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { TestSystem } from './support/system';

const REPO = join(__dirname, '..');

/**
 * The narrowest faults, on every app at once: the broker closes each app's
 * connections, Postgres ends each app's backends. No app may exit over it;
 * each must be ready again, and the system must still do its work (a full
 * sync of the sample NAS and hand log, started after the faults).
 */
describe('connections cut under every app', () => {
  const system = new TestSystem(APP_NAMES, {
    POKERVOD_HOME: REPO,
    NAS_ROOTS: join(REPO, 'samples', 'nas'),
    NAS_PATH_PREFIXES: '\\\\nas\\poker=nas',
    NAS_STABLE_SECONDS: '0',
    SHEETS_SOURCES: 'file:samples/hand-log/hand-log.csv',
  });

  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.cleanUp(), 60_000);

  const alive = () =>
    [...system.apps.values()]
      .filter((app) => app.process.exitCode !== null || app.process.signalCode !== null)
      .map((app) => `${app.name} exited (${app.process.exitCode ?? app.process.signalCode})`);

  const allReady = () =>
    waitFor(
      async () => {
        for (const app of system.apps.values()) {
          const res = await fetch(`${app.url}/health/ready`).catch(() => null);
          if (res?.status !== 200) return false;
        }
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'every app ready again' },
    );

  it('survives its RabbitMQ connections being force-closed, twice, and is ready again', async () => {
    // Every app but the dashboard (it talks HTTP only) holds a connection.
    const connected = APP_NAMES.filter((name) => name !== 'dashboard').sort();
    for (let round = 0; round < 2; round++) {
      await waitFor(async () => (await system.appsConnectedToRabbitMq()).length === connected.length, {
        timeoutMs: 30_000,
        description: 'every app connected, as the management API lists it',
      });
      expect(await system.appsConnectedToRabbitMq()).toEqual(connected);
      expect(await system.closeAmqpConnections(connected)).toBeGreaterThanOrEqual(connected.length);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(alive()).toEqual([]);
      await allReady();
    }
    expect(alive()).toEqual([]);
  });

  it('survives its Postgres backends being terminated, twice, and is ready again', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await system.terminateDatabaseBackends()).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(alive()).toEqual([]);
      await allReady();
    }
    expect(alive()).toEqual([]);
  });

  it('still runs a full sync to the end afterwards', async () => {
    const res = await fetch(`${system.app('orchestrator').url}/api/orchestrator/sync?sync_type=full`, {
      method: 'POST',
      headers: { 'x-api-key': system.apiKey },
    });
    expect(res.status).toBe(202);
    const { task_id } = (await res.json()) as { task_id: string };
    const run = await waitFor(
      async () => {
        const view = (await (
          await fetch(`${system.app('orchestrator').url}/api/orchestrator/runs/${task_id}`)
        ).json()) as {
          status: string;
        };
        return view.status === 'in_progress' ? null : view;
      },
      { timeoutMs: 120_000, description: 'the full sync to finish' },
    );
    expect(run.status).toBe('completed');
    expect(alive()).toEqual([]);
  }, 150_000);
});
