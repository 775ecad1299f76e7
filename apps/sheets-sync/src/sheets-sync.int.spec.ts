import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPayloadSchemas, EventType, SyncResultSchema } from '@pokervod/contracts';
import { publishRawEvent, waitFor } from '@pokervod/testing';
import { BAD_ROWS, DAY1A, DUPLICATE_ROWS, GOOD_ROWS, day1, day2, notes } from '../test/hand-log-fixtures';
import {
  EventWatcher,
  SheetsWorld,
  TEST_WEBHOOK_SECRET,
  sheetsWorld,
  startSheetsSync,
  writeCsv,
  writeXlsx,
} from '../test/sheets-harness';

jest.setTimeout(60_000);

const HANDLOG = 'HANDLOG1abc';
const FLAKY = 'FLAKY2def';
const MIRROR = 'MIRROR3ghi';

/** What a first sync of day1() + day2() reports as duplicates. */
const HANDLOG_DUPLICATES = [
  {
    tab: 'Day 1',
    row: 11,
    duplicate_of: 7,
    kind: 'exact',
    id: null,
    reason: 'row 11 is an exact duplicate of row 7; only row 7 is used',
  },
  {
    tab: 'Day 2',
    row: 5,
    duplicate_of: 3,
    kind: 'exact',
    id: 'H-102',
    reason: 'row 5 is an exact duplicate of row 3; only row 3 is used',
  },
  {
    tab: 'Day 2',
    row: 6,
    duplicate_of: 3,
    kind: 'id_conflict',
    id: 'H-102',
    reason:
      'row 6 has the ID "H-102" of row 3 but a different hand; row 3 (first in sheet order) is used, row 6 is not',
  },
];

describe('sheets-sync through the real Google clients against the fake server (real Postgres + RabbitMQ)', () => {
  let world: SheetsWorld;
  let sheets: { app: INestApplication; url: string };
  let watcher: EventWatcher;
  let db: DataSource;
  let csvId: string;
  let xlsxId: string;

  /** The command, then its own sheets.sync.completed (the outbox relays it just after the reply). */
  const sync = async (sheetId: string) => {
    const from = watcher.mark();
    const result = SyncResultSchema.parse(
      await watcher.bus.request('sheets.sync_sheet', { sheet_id: sheetId }, { timeoutMs: 30_000 }),
    );
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from, (e) => e.payload.results[0]?.sheet_id === sheetId);
    return result;
  };
  /** A source's state as `GET /api/sheets/sources` shows it. */
  const sourceState = async (sheetId: string) =>
    ((await (await fetch(`${sheets.url}/api/sheets/sources`)).json()) as any[]).find((s) => s.id === sheetId);
  const storedRows = async (sheetId: string) =>
    db.query(`SELECT row_key, tab, row_number, row FROM sheets.rows WHERE sheet_id = $1 ORDER BY tab, row_number`, [
      sheetId,
    ]);
  const webhook = (body: unknown, secret = TEST_WEBHOOK_SECRET) =>
    fetch(`${sheets.url}/webhooks/sheets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pokervod-webhook-secret': secret },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    world = await sheetsWorld('sheets');
    world.google.setSpreadsheet(HANDLOG, {
      title: 'Hand log',
      tabs: [
        { name: 'Day 1', rows: day1() },
        { name: 'Day 2', rows: day2() },
        { name: 'Notes', rows: notes() },
      ],
    });
    world.google.setSpreadsheet(FLAKY, { tabs: [{ name: 'Log', rows: day2() }] });
    // The same data as the XLSX export (and, for Day 1, the CSV export).
    world.google.setSpreadsheet(MIRROR, {
      tabs: [
        { name: 'Day 1', rows: day1() },
        { name: 'Day 2', rows: day2() },
        { name: 'Notes', rows: notes() },
      ],
    });
    const csv = path.join(world.dir, 'hand-log.csv');
    const xlsx = path.join(world.dir, 'hand-log.xlsx');
    writeCsv(csv, day1());
    await writeXlsx(xlsx, [
      { name: 'Day 1', rows: day1() },
      { name: 'Day 2', rows: day2() },
      { name: 'Notes', rows: notes() },
    ]);
    csvId = `file:${csv}`;
    xlsxId = `file:${xlsx}`;
    watcher = new EventWatcher(world);
    await watcher.start();
    sheets = await startSheetsSync(world, {
      SHEETS_SOURCES: `google:${HANDLOG},google:${FLAKY},google:${MIRROR},file:${csv},file:${xlsx}`,
      SHEETS_BREAKER_RESET_MS: '2000',
    });
    db = await new DataSource({ type: 'postgres', url: world.db.url }).initialize();
  });

  afterAll(async () => {
    await sheets?.app.close();
    await watcher?.stop();
    await db?.destroy();
    await world?.cleanUp();
  });

  it('reads a multi-tab sheet with Korean headers on row 3: good rows flow, bad rows and duplicates are reported with row numbers', async () => {
    world.google.resetRequests();
    const from = watcher.mark();
    const result = await sync(`google:${HANDLOG}`);
    expect(result).toMatchObject({
      sheet_id: `google:${HANDLOG}`,
      status: 'completed',
      rows_read: GOOD_ROWS + BAD_ROWS + DUPLICATE_ROWS,
      added: GOOD_ROWS,
      changed: 0,
      removed: 0,
    });
    expect(result.invalid).toEqual([
      { tab: 'Day 1', row: 8, reason: 'missing file name' },
      { tab: 'Day 1', row: 9, reason: expect.stringMatching(/^unparseable in "1분 10초"/) },
      { tab: 'Day 1', row: 10, reason: 'out (00:29:00) is not after in (00:30:00)' },
    ]);
    expect(result.duplicates).toEqual(HANDLOG_DUPLICATES);
    // One spreadsheets.get for the tab titles, ONE values.batchGet for every tab.
    const sheetsCalls = world.google.requests.filter((r) => r.api === 'sheets');
    expect(sheetsCalls.map((r) => r.path)).toEqual([
      `/v4/spreadsheets/${HANDLOG}`,
      `/v4/spreadsheets/${HANDLOG}/values:batchGet`,
    ]);

    const changed = await waitFor(() => {
      const events = watcher.of(EventType.SHEETS_ROW_CHANGED, from);
      return events.length === GOOD_ROWS ? events : null;
    });
    for (const e of changed) expect(EventPayloadSchemas[EventType.SHEETS_ROW_CHANGED].parse(e.payload)).toBeTruthy();
    const byRow = new Map(changed.map((e) => [`${e.payload.tab}!${e.payload.row_number}`, e.payload]));
    expect(byRow.get('Day 1!4')).toMatchObject({
      change: 'added',
      row_key: `${DAY1A.toLowerCase()}@00:01:10.000`,
      row: {
        file_name: DAY1A,
        in: '00:01:10',
        out: '00:02:05',
        tags: ['bluff', 'hero call'],
        players: 'Kim vs Lee',
        description: '첫 핸드',
        extra: { 카메라: 'cam A' },
      },
    });
    expect(byRow.get('Day 1!5')?.row.tags).toEqual(['cooler', 'all-in']);
    expect(byRow.get('Day 1!6')?.row.tags).toEqual(['bluff', 'river']);
    expect(byRow.get('Day 1!7')?.row.tags).toEqual(['bad beat', 'all-in']);
    expect(byRow.get('Day 2!3')?.row_key).toBe('id:H-102');
    expect(byRow.get('Day 2!4')?.row_key).toBe(`${byRow.get('Day 2!2')?.row_key}#2`);
    // The duplicates make no row event and no stored row.
    for (const row of ['Day 1!11', 'Day 2!5', 'Day 2!6']) expect(byRow.has(row)).toBe(false);
    expect(byRow.get('Day 2!3')?.row).toMatchObject({ out: '01:12:00', tags: ['bluff'] });

    const completed = await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    expect(completed.payload).toEqual({ status: 'completed', results: [result] });
    expect(completed.payload.results[0]?.duplicates).toEqual(HANDLOG_DUPLICATES);
    expect(await storedRows(`google:${HANDLOG}`)).toHaveLength(GOOD_ROWS);
    expect((await sourceState(`google:${HANDLOG}`)).last_result.duplicates).toEqual(HANDLOG_DUPLICATES);
  });

  it('emits no row events when nothing changed', async () => {
    const from = watcher.mark();
    const result = await sync(`google:${HANDLOG}`);
    expect(result).toMatchObject({
      status: 'completed',
      added: 0,
      changed: 0,
      removed: 0,
      rows_read: GOOD_ROWS + BAD_ROWS + DUPLICATE_ROWS,
    });
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    expect(watcher.of(EventType.SHEETS_ROW_CHANGED, from)).toEqual([]);
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from)).toEqual([]);
  });

  it('rows inserted above existing rows are added; the rows below are not reported as changed', async () => {
    world.google.insertRows(HANDLOG, 'Day 1', 4, [
      [DAY1A, 'x', '00:00:30', '00:00:50', 'new'],
      [DAY1A, 'x', '00:00:40', '00:00:55', 'newer'],
    ]);
    const from = watcher.mark();
    const result = await sync(`google:${HANDLOG}`);
    expect(result).toMatchObject({ added: 2, changed: 0, removed: 0 });
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    const events = watcher.of(EventType.SHEETS_ROW_CHANGED, from);
    expect(events.map((e) => [e.payload.change, e.payload.row_number])).toEqual([
      ['added', 4],
      ['added', 5],
    ]);
    // The shifted rows' positions are stored silently.
    const first = (await storedRows(`google:${HANDLOG}`)).find(
      (r: any) => r.row_key === `${DAY1A.toLowerCase()}@00:01:10.000`,
    );
    expect(first.row_number).toBe(6);
    expect(result.invalid.map((i) => i.row)).toEqual([10, 11, 12]);
  });

  it('an edited row gives exactly one sheets.row.changed', async () => {
    world.google.setCell(HANDLOG, 'Day 1', 6, 5, 'bluff, hero call, river');
    const from = watcher.mark();
    expect(await sync(`google:${HANDLOG}`)).toMatchObject({ added: 0, changed: 1, removed: 0 });
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    const events = watcher.of(EventType.SHEETS_ROW_CHANGED, from);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      change: 'changed',
      tab: 'Day 1',
      row_number: 6,
      row: { tags: ['bluff', 'hero call', 'river'] },
    });
  });

  it('a deleted row gives exactly one sheets.row.removed', async () => {
    world.google.deleteRow(HANDLOG, 'Day 1', 4);
    const from = watcher.mark();
    expect(await sync(`google:${HANDLOG}`)).toMatchObject({ added: 0, changed: 0, removed: 1 });
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    expect(watcher.of(EventType.SHEETS_ROW_CHANGED, from)).toEqual([]);
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from).map((e) => e.payload)).toEqual([
      { sheet_id: `google:${HANDLOG}`, tab: 'Day 1', row_key: `${DAY1A.toLowerCase()}@00:00:30.000` },
    ]);
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    world.google.setCell(HANDLOG, 'Day 1', 4, 4, '00:00:56');
    world.google.resetRequests();
    world.google.failNext({ status: 429, retryAfterSeconds: 1, api: 'sheets' });
    const started = Date.now();
    const result = await sync(`google:${HANDLOG}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result).toMatchObject({ status: 'completed', changed: 1 });
    const statuses = world.google.requests.filter((r) => r.api === 'sheets').map((r) => r.status);
    expect(statuses).toEqual([429, 200, 200]);
  });

  it('webhook: a wrong secret is refused (401) and syncs nothing; a right one syncs the sheet at once (202)', async () => {
    world.google.setCell(HANDLOG, 'Day 1', 5, 5, 'edited by webhook');
    world.google.resetRequests();
    const from = watcher.mark();
    const refused = await webhook({ spreadsheet_id: HANDLOG }, 'wrong-secret-0123456789');
    expect(refused.status).toBe(401);
    expect((await fetch(`${sheets.url}/webhooks/sheets`, { method: 'POST' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect(world.google.requests).toEqual([]);
    expect(watcher.of(EventType.SHEETS_SYNC_COMPLETED, from)).toEqual([]);

    const accepted = await webhook({ spreadsheet_id: HANDLOG });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({
      accepted: true,
      sheet_id: `google:${HANDLOG}`,
      sheet_ids: [`google:${HANDLOG}`],
    });
    const changed = await watcher.next(EventType.SHEETS_ROW_CHANGED, from);
    expect(changed.payload.row.tags).toEqual(['edited by webhook']);

    expect((await webhook({ spreadsheet_id: 'nope' })).status).toBe(404);
    expect((await webhook({ hello: 1 })).status).toBe(400);
  });

  it('CSV and XLSX exports give the same rows as the Google source for the same data', async () => {
    const google = await sync(`google:${MIRROR}`);
    const xlsx = await sync(xlsxId);
    const from = watcher.mark();
    const csv = await sync(csvId);
    expect(google).toMatchObject({
      status: 'completed',
      added: GOOD_ROWS,
      rows_read: GOOD_ROWS + BAD_ROWS + DUPLICATE_ROWS,
    });
    expect({ ...xlsx, sheet_id: google.sheet_id }).toEqual(google);
    expect(csv).toMatchObject({ status: 'completed', added: 4, rows_read: 8 });
    expect(csv.invalid).toEqual(google.invalid.map((i) => ({ ...i, tab: 'hand-log' })));

    // The CSV's row 11 repeats row 7: no row event; reported in the completion and the sources table.
    const csvDuplicates = [{ ...HANDLOG_DUPLICATES[0], tab: 'hand-log' }];
    expect(csv.duplicates).toEqual(csvDuplicates);
    const completed = await watcher.next(
      EventType.SHEETS_SYNC_COMPLETED,
      from,
      (e) => e.payload.results[0]?.sheet_id === csvId,
    );
    expect(completed.payload.results[0]?.duplicates).toEqual(csvDuplicates);
    const rowEvents = watcher.of(EventType.SHEETS_ROW_CHANGED, from).filter((e) => e.payload.sheet_id === csvId);
    expect(rowEvents.map((e) => e.payload.row_number)).toEqual([4, 5, 6, 7]);
    expect((await sourceState(csvId)).last_result.duplicates).toEqual(csvDuplicates);

    const rows = async (id: string, tab?: string) =>
      (await storedRows(id))
        .filter((r: any) => !tab || r.tab === tab)
        .map((r: any) => [r.row_key, r.row_number, r.row]);
    expect(await rows(xlsxId)).toEqual(await rows(`google:${MIRROR}`));
    expect(await rows(csvId)).toEqual(await rows(`google:${MIRROR}`, 'Day 1'));
  });

  it('answers sheets.sync.requested with ONE sheets.sync.completed under the request’s correlation id', async () => {
    world.google.setCell(HANDLOG, 'Day 2', 2, 5, 'hero fold, tank');
    const correlationId = `corr-${Date.now()}`;
    const from = watcher.mark();
    await publishRawEvent(world.topology, {
      type: EventType.SHEETS_SYNC_REQUESTED,
      payload: {},
      correlationId,
      source: 'orchestrator',
    });
    const completed = await watcher.next(
      EventType.SHEETS_SYNC_COMPLETED,
      from,
      (e) => e.correlation_id === correlationId,
    );
    expect(completed.payload.status).toBe('completed');
    expect(completed.payload.results.map((r: any) => r.sheet_id).sort()).toEqual(
      [`google:${HANDLOG}`, `google:${FLAKY}`, `google:${MIRROR}`, csvId, xlsxId].sort(),
    );
    const rowEvent = await watcher.next(EventType.SHEETS_ROW_CHANGED, from);
    expect(rowEvent.correlation_id).toBe(correlationId);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      watcher.of(EventType.SHEETS_SYNC_COMPLETED, from).filter((e) => e.correlation_id === correlationId),
    ).toHaveLength(1);
    const status = await watcher.next(EventType.BLOCK_STATUS, from, (e) => e.payload.status === 'completed');
    expect(status.payload).toMatchObject({ block_id: 'D', status: 'completed' });
  });

  it('a sheet the service account may not read fails for good: FAILED, no retry, no removals, who to share it with', async () => {
    const before = await storedRows(`google:${MIRROR}`);
    world.google.resetRequests();
    world.google.failNext({ status: 403, api: 'sheets' });
    const from = watcher.mark();
    expect(await sync(`google:${MIRROR}`)).toMatchObject({ status: 'failed', rows_read: 0, removed: 0 });
    expect(world.google.requests.filter((r) => r.api === 'sheets').map((r) => r.status)).toEqual([403]);
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from)).toEqual([]);
    expect(await storedRows(`google:${MIRROR}`)).toEqual(before);
    const state = ((await (await fetch(`${sheets.url}/api/sheets/sources`)).json()) as any[]).find(
      (s) => s.id === `google:${MIRROR}`,
    );
    expect(state).toMatchObject({ last_status: 'failed', breaker: 'CLOSED' });
    expect(state.last_error).toMatch(/permission denied; share it with pokervod-sync-\d+@/);
  });

  it('persistent 500: the breaker opens, the sync is PARTIAL with the reason, and no rows are removed', async () => {
    const before = await storedRows(`google:${FLAKY}`);
    expect(before.length).toBeGreaterThan(0);
    world.google.failNext({ status: 500, times: 1000, api: 'sheets' });
    const from = watcher.mark();
    const result = await sync(`google:${FLAKY}`);
    expect(result).toMatchObject({ status: 'partial', rows_read: 0, removed: 0 });
    // The result itself says what was not read and why.
    expect(result.error).toMatch(/gave up after 5 attempts: HTTP 500/);
    expect(result.unread).toEqual([{ tab: '*', reason: result.error }]);
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from)).toEqual([]);
    expect(await storedRows(`google:${FLAKY}`)).toEqual(before);

    const status: any = await (await fetch(`${sheets.url}/api/sheets/sources`)).json();
    const flaky = status.find((s: any) => s.id === `google:${FLAKY}`);
    expect(flaky).toMatchObject({ breaker: 'OPEN', last_status: 'partial' });
    expect(flaky.last_error).toMatch(/gave up after 5 attempts: HTTP 500/);

    // While open it fails fast, without a request.
    world.google.resetRequests();
    const again = await sync(`google:${FLAKY}`);
    expect(again.status).toBe('partial');
    expect(world.google.requests.filter((r) => r.api === 'sheets')).toEqual([]);

    // A full sync now: the file sources read, the Google ones cut short → PARTIAL overall.
    const correlationId = `corr-partial-${Date.now()}`;
    await publishRawEvent(world.topology, {
      type: EventType.SHEETS_SYNC_REQUESTED,
      payload: {},
      correlationId,
      source: 'orchestrator',
    });
    const completed = await watcher.next(
      EventType.SHEETS_SYNC_COMPLETED,
      from,
      (e) => e.correlation_id === correlationId,
    );
    expect(completed.payload.status).toBe('partial');
    // Only the flaky sheet: nothing could be read → FAILED.
    const onlyFlaky = `corr-failed-${Date.now()}`;
    await publishRawEvent(world.topology, {
      type: EventType.SHEETS_SYNC_REQUESTED,
      payload: { sheet_id: `google:${FLAKY}` },
      correlationId: onlyFlaky,
      source: 'orchestrator',
    });
    const failed = await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from, (e) => e.correlation_id === onlyFlaky);
    expect(failed.payload).toMatchObject({
      status: 'failed',
      results: [{ sheet_id: `google:${FLAKY}`, status: 'partial' }],
    });
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from)).toEqual([]);

    // Google recovers; after the breaker's reset time the sheet reads again.
    world.google.clearFailures();
    await new Promise((r) => setTimeout(r, 2100));
    expect(await sync(`google:${FLAKY}`)).toMatchObject({ status: 'completed', removed: 0, added: 0 });
  });

  it('a row copied onto the next line makes no row event, is reported as a duplicate of its original, and goes when deleted', async () => {
    const original = world.google.rows(HANDLOG, 'Day 1')[3]!; // row 4
    const storedBefore = await storedRows(`google:${HANDLOG}`);
    world.google.insertRows(HANDLOG, 'Day 1', 5, [[...original]]);
    const from = watcher.mark();
    const result = await sync(`google:${HANDLOG}`);
    expect(result).toMatchObject({ status: 'completed', added: 0, changed: 0, removed: 0 });
    expect(result.duplicates).toContainEqual({
      tab: 'Day 1',
      row: 5,
      duplicate_of: 4,
      kind: 'exact',
      id: null,
      reason: 'row 5 is an exact duplicate of row 4; only row 4 is used',
    });
    const completed = await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from);
    expect(completed.payload.results).toEqual([result]);
    expect(watcher.of(EventType.SHEETS_ROW_CHANGED, from)).toEqual([]);
    expect(watcher.of(EventType.SHEETS_ROW_REMOVED, from)).toEqual([]);
    expect((await sourceState(`google:${HANDLOG}`)).last_result.duplicates).toEqual(result.duplicates);
    // Rows below moved down by one; nothing else about them changed.
    const after = await storedRows(`google:${HANDLOG}`);
    expect(after.map((r: any) => r.row_key).sort()).toEqual(storedBefore.map((r: any) => r.row_key).sort());

    world.google.deleteRow(HANDLOG, 'Day 1', 5);
    const from2 = watcher.mark();
    const again = await sync(`google:${HANDLOG}`);
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(again.duplicates.filter((d) => d.tab === 'Day 1' && d.duplicate_of === 4)).toEqual([]);
    await watcher.next(EventType.SHEETS_SYNC_COMPLETED, from2);
    expect(watcher.of(EventType.SHEETS_ROW_CHANGED, from2)).toEqual([]);
  });

  it('answers an unknown sheet id with not_found', async () => {
    await expect(
      watcher.bus.request('sheets.sync_sheet', { sheet_id: 'google:nope' }, { timeoutMs: 5000 }),
    ).rejects.toThrow(/not_found/);
  });
});
