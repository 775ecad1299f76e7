import { FUZZ_ENV, FuzzRoutes, TEST_API_KEY, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { TEST_WEBHOOK_SECRET, sheetsWorld, startSheetsSync } from '../../test/sheets-harness';

/** Every route of sheets-sync, with what it reads. */
const ROUTES: FuzzRoutes = {
  ...SERVICE_KIT_ROUTES,
  'GET /api/sheets/sources': {},
  'POST /webhooks/sheets': { fields: ['spreadsheet_id', 'sheet_id'] },
};

describe('sheets-sync HTTP under hostile input (fuzz, real Postgres + RabbitMQ, fake Google)', () => {
  const sheets = useAppInWorld(
    () => sheetsWorld('sheetsfuzz'),
    (world) => startSheetsSync(world, FUZZ_ENV),
  );

  itFuzzesEveryRoute(sheets, ROUTES, {
    authHeaders: { 'x-api-key': TEST_API_KEY, 'x-pokervod-webhook-secret': TEST_WEBHOOK_SECRET },
    numRuns: 300,
  });
});
