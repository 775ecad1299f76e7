import type { INestApplication } from '@nestjs/common';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import { fuzzHttp, FuzzRoutes, listRoutes, TEST_API_KEY } from '@pokervod/testing';
import { AppModule } from '../app.module';
import { sheetsConfigSchema } from '../sheets.config';
import { SheetsWorld, TEST_WEBHOOK_SECRET, sheetsWorld } from '../../test/sheets-harness';

/** Every route of sheets-sync, with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
  'GET /api/sheets/sources': {},
  'POST /webhooks/sheets': { fields: ['spreadsheet_id', 'sheet_id'] },
};

describe('sheets-sync HTTP under hostile input (fuzz, real Postgres + RabbitMQ, fake Google)', () => {
  let world: SheetsWorld;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    world = await sheetsWorld('sheetsfuzz');
    const config = loadConfig('sheets-sync', sheetsConfigSchema, {
      DATABASE_URL: world.db.url,
      AMQP_EXCHANGE: world.topology.exchange,
      AMQP_COMMAND_EXCHANGE: world.topology.commandExchange,
      AMQP_QUEUE_PREFIX: world.topology.queuePrefix,
      GOOGLE_APPLICATION_CREDENTIALS: world.keyFile,
      GOOGLE_API_ROOT_URL: world.google.url,
      SHEETS_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      SHEETS_POLL_SECONDS: '0',
      SHEETS_WEBHOOK_RECHECK_SECONDS: '0',
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
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await world?.cleanUp();
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, {
      authHeaders: { 'x-api-key': TEST_API_KEY, 'x-pokervod-webhook-secret': TEST_WEBHOOK_SECRET },
      numRuns: 300,
    });
  }, 60_000);
});
