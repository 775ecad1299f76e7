import { FUZZ_ENV, FuzzRoutes, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { TEST_API_KEY, startCatalog } from '../../test/catalog-harness';

/** Every route of the catalog, with what it reads. */
const ROUTES: FuzzRoutes = {
  ...SERVICE_KIT_ROUTES,
  'GET /api/catalog/projects': {},
  'POST /api/catalog/projects': { fields: ['code', 'name'] },
  'GET /api/catalog/tree': { query: ['project'] },
  'GET /api/catalog/episodes/:id': {},
  'PATCH /api/catalog/episodes/:id': { fields: ['title'] },
  'POST /api/catalog/episodes/:id/merge': { fields: ['from_episode_id'] },
  'PUT /api/catalog/files/:fileId/episode': { fields: ['episode_id'] },
  'GET /api/catalog/unsorted': { query: ['limit', 'offset'] },
  'GET /api/catalog/match': { query: ['title', 'video_file_id'] },
};

describe('catalog HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const catalog = useAppInWorld('catfuzz', (world) => startCatalog(world, FUZZ_ENV));

  itFuzzesEveryRoute(catalog, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 300 });

  it('answers NUL bytes and invalid UTF-8 in a title with 400, not 500', async () => {
    const res = await fetch(`${catalog.url}/api/catalog/match?title=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: expect.stringContaining('NUL') });
  });

  it('answers an offset past any SQL OFFSET with 400, not 500', async () => {
    const res = await fetch(`${catalog.url}/api/catalog/unsorted?offset=99999999999999999999999999`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: 'offset must be an integer below 2^53' });
  });

  it('answers a repeated project (an array where one code is expected) with 400, not 500', async () => {
    const res = await fetch(`${catalog.url}/api/catalog/tree?project=WSOP&project=EPT`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: expect.stringContaining('project') });
  });
});
