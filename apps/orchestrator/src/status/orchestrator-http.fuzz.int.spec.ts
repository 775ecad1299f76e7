import { FUZZ_ENV, FuzzRoutes, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { TEST_API_KEY, startOrchestrator } from '../../test/orchestrator-harness';

/** Every route of the orchestrator, with what it reads. */
const ROUTES: FuzzRoutes = {
  ...SERVICE_KIT_ROUTES,
  'POST /api/orchestrator/sync': { query: ['sync_type'] },
  'GET /api/orchestrator/runs': { query: ['limit'] },
  'GET /api/orchestrator/runs/:id': {},
  'GET /api/orchestrator/rows': { query: ['outcome', 'sheet_id', 'after', 'limit'] },
  'GET /api/orchestrator/rows/summary': {},
  'GET /api/orchestrator/unmatched': { query: ['limit'] },
  'GET /api/orchestrator/status': {},
  'GET /api/orchestrator/status/stream': { stream: true },
};

describe('orchestrator HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const orchestrator = useAppInWorld('orchfuzz', (world) => startOrchestrator(world, FUZZ_ENV));

  itFuzzesEveryRoute(orchestrator, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 300 });

  it('answers a NUL byte in a filter with 400, not 500', async () => {
    const res = await fetch(`${orchestrator.url}/api/orchestrator/rows?sheet_id=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalid_request',
      message: 'query.sheet_id: NUL characters are not allowed',
    });
  });
});
