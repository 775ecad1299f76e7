import type { INestApplication } from '@nestjs/common';
import { Commands } from '@pokervod/contracts';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  FuzzRoutes,
  TestDatabase,
  TestTopology,
  createTestDatabase,
  deleteTopology,
  fuzzHttp,
  listRoutes,
  uniqueTopology,
} from '@pokervod/testing';
import { AppModule } from '../app.module';
import { handsConfigSchema } from '../hands.config';
import { TEST_API_KEY } from '../../test/hands-harness';
import { HandClipService } from './hand-clip.service';

/** Every route of hand analysis, with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
  'GET /api/hands/clips': { query: ['episode_id', 'video_file_id', 'tag', 'status', 'limit', 'offset'] },
  'GET /api/hands/clips/:id': {},
  'PATCH /api/hands/clips/:id': { fields: ['timecode', 'timecode_end', 'hand_no', 'players', 'description'] },
  'POST /api/hands/clips/:id/tags': { fields: ['tags'] },
  'GET /api/hands/tags': {},
};

describe('hand-analysis HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  let db: TestDatabase;
  let topology: TestTopology;
  let app: INestApplication;
  let url: string;
  let clipId: string;

  beforeAll(async () => {
    db = await createTestDatabase('handsfuzz');
    const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
    if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
    topology = uniqueTopology('handsfuzz');
    const config = loadConfig('hand-analysis', handsConfigSchema, {
      DATABASE_URL: db.url,
      AMQP_EXCHANGE: topology.exchange,
      AMQP_COMMAND_EXCHANGE: topology.commandExchange,
      AMQP_QUEUE_PREFIX: topology.queuePrefix,
      ORCHESTRATOR_API_KEY: TEST_API_KEY,
      LOG_LEVEL: 'silent',
      // Hostile requests should reach validation, not the rate limit.
      HTTP_RATE_LIMIT: '1000000',
    });
    // As bootstrapService starts it: the module, then helmet and the body limits.
    app = await createServiceApp(AppModule.register(config), { logger: false });
    applyHttpEdge(app, config);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    // One real clip, so hostile edits and tags reach the code past the lookup.
    const created = await app.get(HandClipService).create(
      Commands['hands.create_hand_clip'].request.parse({
        video_file_id: 'fuzz-file',
        episode_id: null,
        timecode: '00:10:00:00',
        timecode_end: '00:11:00:00',
        tags: ['all-in'],
      }),
    );
    clipId = created.id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await deleteTopology(topology);
    await db?.drop();
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('answers a NUL byte in a filter with 400, not 500', async () => {
    const res = await fetch(`${url}/api/hands/clips?episode_id=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalid_request',
      message: 'query.episode_id: NUL characters are not allowed',
    });
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, pathValues: [clipId], numRuns: 300 });
  }, 60_000);
});
