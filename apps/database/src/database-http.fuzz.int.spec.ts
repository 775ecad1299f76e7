import { baseConfigSchema, startServiceApp } from '@pokervod/service-kit';
import { FUZZ_ENV, FuzzRoutes, TEST_API_KEY, waitFor, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { AppModule } from './app.module';

/** Every route of block G, with what it reads. */
const ROUTES: FuzzRoutes = {
  ...SERVICE_KIT_ROUTES,
  'GET /api/migrations': {},
  'POST /api/migrations/run': {},
};

describe('database (block G) HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  // Not migrated: block G migrates its database at start-up.
  const database = useAppInWorld(
    'dbfuzz',
    (world) =>
      startServiceApp('database', baseConfigSchema, (config) => AppModule.register(config), {
        ...world.env,
        ...FUZZ_ENV,
      }),
    { migrate: false },
  );

  beforeAll(async () => {
    // The start-up migration run, so the fuzz meets the app as it serves.
    await waitFor(async () => (await fetch(`${database.url}/health/ready`)).status === 200, {
      timeoutMs: 60_000,
      description: 'block G ready (start-up migrations done)',
    });
  }, 90_000);

  itFuzzesEveryRoute(database, ROUTES, {
    authHeaders: { 'x-api-key': TEST_API_KEY },
    numRuns: 100,
    timeoutMs: 120_000,
  });

  it('runs migrations over HTTP only with the API key', async () => {
    const refused = await fetch(`${database.url}/api/migrations/run`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const ran = await fetch(`${database.url}/api/migrations/run`, {
      method: 'POST',
      headers: { 'x-api-key': TEST_API_KEY },
    });
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ ok: true, applied: [] });
  });
});
