import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { day2 } from '../../test/hand-log-fixtures';
import { EventWatcher, SheetsWorld, sheetsWorld, startSheetsSync } from '../../test/sheets-harness';
import { SHEETS_POLL_LOCK_KEY } from './sheet-poller.service';

jest.setTimeout(60_000);

const SHEET = 'POLLED1xyz';

describe('polling (real Postgres + RabbitMQ, fake Google)', () => {
  let world: SheetsWorld;
  const apps: { app: INestApplication; url: string }[] = [];
  let watcher: EventWatcher;

  beforeAll(async () => {
    world = await sheetsWorld('sheetspoll');
    world.google.setSpreadsheet(SHEET, { tabs: [{ name: 'Log', rows: day2() }] });
    watcher = new EventWatcher(world);
    await watcher.start();
    const env = { SHEETS_SOURCES: `google:${SHEET}`, SHEETS_POLL_SECONDS: '0.3' };
    apps.push(await startSheetsSync(world, env), await startSheetsSync(world, env));
  });

  afterAll(async () => {
    for (const a of apps) await a.app.close();
    await watcher?.stop();
    await world?.cleanUp();
  });

  it('syncs a new source on the first round, then reads values only when Drive says the sheet moved', async () => {
    const first = await watcher.next(EventType.SHEETS_SYNC_COMPLETED, 0);
    expect(first.payload.results[0]).toMatchObject({ sheet_id: `google:${SHEET}`, added: 3 });

    world.google.resetRequests();
    await new Promise((r) => setTimeout(r, 1500));
    const quiet = world.google.requests;
    expect(quiet.filter((r) => r.api === 'drive').length).toBeGreaterThanOrEqual(2);
    expect(quiet.filter((r) => r.api === 'sheets')).toEqual([]);

    const from = watcher.mark();
    const edited = Date.now();
    world.google.setCell(SHEET, 'Log', 3, 5, 'bluff, polled');
    const changed = await watcher.next(EventType.SHEETS_ROW_CHANGED, from);
    expect(changed.payload).toMatchObject({ change: 'changed', row_number: 3, row: { tags: ['bluff', 'polled'] } });
    expect(Date.now() - edited).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(watcher.of(EventType.SHEETS_ROW_CHANGED, from)).toHaveLength(1);
  });

  it('only one replica polls: one holds the advisory lock', async () => {
    const client = new Client({ connectionString: world.db.url });
    await client.connect();
    try {
      const holders = await waitFor(async () => {
        const { rows } = await client.query(
          `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted
              AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
          [SHEETS_POLL_LOCK_KEY],
        );
        return rows.length > 0 ? rows : null;
      });
      expect(holders).toEqual([{ application_name: 'sheets-sync-poller' }]);
    } finally {
      await client.end();
    }
  });
});
