import { FUZZ_ENV, TEST_API_KEY, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { nasWorld, startNas } from '../test/nas-harness';

describe('nas-inventory HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const nas = useAppInWorld(
    () => nasWorld('nasfuzz'),
    (world) => startNas(world, FUZZ_ENV),
  );

  // Every route of the NAS inventory is service-kit's: block A talks over RabbitMQ.
  itFuzzesEveryRoute(nas, SERVICE_KIT_ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 250 });

  it('lists dead letters (whole message bodies) only with the API key', async () => {
    const refused = await fetch(`${nas.url}/admin/dead-letters`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 'unauthorized', message: 'missing or wrong X-API-Key' });
    const listed = await fetch(`${nas.url}/admin/dead-letters`, { headers: { 'x-api-key': TEST_API_KEY } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      queue: expect.stringContaining(nas.world.topology.queuePrefix),
      dead_letters: [],
    });
  });
});
