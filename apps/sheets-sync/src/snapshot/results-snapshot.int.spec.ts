import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EventWatcher, SheetsWorld, sheetsWorld, startSheetsSync, writeCsv } from '../../test/sheets-harness';

jest.setTimeout(60_000);

describe('sheets.results_snapshot (the real app, Postgres and RabbitMQ)', () => {
  let world: SheetsWorld;
  let app: INestApplication;
  let watcher: EventWatcher;
  let sheetId: string;

  beforeAll(async () => {
    world = await sheetsWorld('sheets_snapshot');
    const file = path.join(world.dir, 'log.csv');
    writeCsv(file, [
      ['file name', 'in', 'out', 'tags'],
      ['a.mp4', '00:01:00', '00:02:00', 'bluff'],
      ['b.mp4', 'TBD', '00:02:00', ''],
    ]);
    sheetId = `file:${file}`;
    ({ app } = await startSheetsSync(world, { SHEETS_SOURCES: sheetId }));
    watcher = new EventWatcher(world, 'snapshot-watcher');
    await watcher.bus.start();
  });

  afterAll(async () => {
    await watcher?.bus.stop();
    await app?.close();
    await world?.cleanUp();
  });

  it('answers nothing before a sync, then each source’s last result with its bad rows', async () => {
    expect((await watcher.bus.request('sheets.results_snapshot', {})).results).toEqual([]);
    await watcher.bus.request('sheets.sync_sheet', { sheet_id: sheetId }, { timeoutMs: 20_000 });
    const { results } = await watcher.bus.request('sheets.results_snapshot', {});
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ sheet_id: sheetId, rows_read: 2, status: 'completed' });
    expect(results[0].invalid).toEqual([expect.objectContaining({ row: 3 })]);
    expect(results[0].synced_at).not.toBeNull();
  });
});
