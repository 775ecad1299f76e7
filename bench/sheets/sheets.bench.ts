/**
 * Sheets sync benchmark (not a test: it prints numbers). Block D's app
 * (apps/sheets-sync, in this process) reads a generated hand log of 10,000
 * rows from the fake Google server through the real Sheets/Drive clients,
 * with real Postgres and RabbitMQ:
 *
 *   1. first sync (the `sheets.sync_sheet` command): until the reply, until
 *      `sheets.sync.completed` arrives, until every `sheets.row.changed` arrived
 *   2. re-sync of the unchanged sheet (must emit no row event)
 *   3. edit a cell → `sheets.row.changed` received, via POST /webhooks/sheets
 *   4. the same via polling (a second app instance, SHEETS_POLL_SECONDS = --poll-ms)
 *
 *   npm run bench:sheets                 # table on stdout, progress on stderr
 *   npm run bench:sheets -- --quick      # 2,000 rows, 3 edits per path
 *   npm run bench:sheets -- --json
 *   npm run bench:sheets -- --help
 *
 * Aims (issue #6): first sync < 5 s, re-sync < 1 s, webhook latency < 1 s.
 * See bench/README.md.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EventEnvelope, EventType } from '@pokervod/contracts';
import { FakeGoogle } from '@pokervod/fake-google';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import { AppModule } from '../../apps/sheets-sync/src/app.module';
import { sheetsConfigSchema } from '../../apps/sheets-sync/src/sheets-sync.config';
import { flag, int } from '../shared/options';
import { check, maxCheck, targetsLine } from '../shared/report';
import { BENCH_ENV, ConfigOf, runBench } from '../shared/runner';
import { LatencySummary, summarize } from '../shared/stats';
import { busLogger, now, onCleanup, progress, sleep, withTimeout } from '../shared/util';
import { TestWorld, benchWorld } from '../shared/world';

const options = {
  rows: int('data rows in the generated sheet', { defaultText: '10000; --quick: 2000', min: 1 }),
  tabs: int('tabs the rows are spread over', { default: 2, min: 1 }),
  edits: int('edits timed per path (webhook, polling)', { defaultText: '10; --quick: 3', min: 1 }),
  pollMs: int('SHEETS_POLL_SECONDS of the polling phase, in ms', { default: 1000, min: 100, arg: 'MS' }),
  quick: flag('2,000 rows, 3 edits per path (unless --rows / --edits say otherwise)'),
};
type Config = ConfigOf<typeof options>;

const SHEET = 'BENCH10k';
const SECRET = 'bench-webhook-secret-0123456789';
const HEADER = ['file_name', 'nas_folder_link', 'in', 'out', 'tags', 'hand_no', 'players'];
const TAGS = ['bluff', 'hero call', 'cooler', 'all-in', 'bad beat', 'river', 'fold'];

interface Results {
  rows: number;
  tabs: number;
  firstSync: { replyMs: number; completedMs: number; allRowEventsMs: number; rowEvents: number };
  resync: { replyMs: number; rowEvents: number };
  webhook: LatencySummary;
  polling: LatencySummary & { pollMs: number };
  fakeRequests: Record<string, number>;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (s: number) => `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;

/** `rows` hands over `tabs` tabs: 50 hands per video, 20 s apart. */
function generateTabs(rows: number, tabs: number): { name: string; rows: string[][] }[] {
  const perTab = Math.ceil(rows / tabs);
  return Array.from({ length: tabs }, (_, t) => {
    const grid: string[][] = [HEADER];
    for (let i = t * perTab; i < Math.min(rows, (t + 1) * perTab); i++) {
      const video = Math.floor(i / 50);
      const start = 60 + (i % 50) * 20;
      grid.push([
        `WSOP_2024_Event_${video}_Day${(video % 5) + 1}.mp4`,
        `\\\\nas\\poker\\WSOP\\2024\\Event ${video}`,
        clock(start),
        clock(start + 15),
        `${TAGS[i % TAGS.length]}, ${TAGS[(i * 3 + 1) % TAGS.length]}`,
        String(i + 1),
        `Player ${i % 97} vs Player ${(i * 7) % 89}`,
      ]);
    }
    return { name: `Day ${t + 1}`, rows: grid };
  });
}

/** Counts and times the events the app emits (a watcher on the bench topology). */
class Watcher {
  readonly bus: MessageBus;
  rowEvents = 0;
  lastRowEventAt = 0;
  private readonly waiters: { match: (e: EventEnvelope<any>) => boolean; resolve: (at: number) => void }[] = [];

  constructor(world: TestWorld) {
    this.bus = new MessageBus({
      ...world.bus,
      app: 'bench-watcher',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      prefetch: 500,
      logger: busLogger,
    });
    this.bus.on('sheets.#', (e) => this.seen(e));
  }

  private seen(e: EventEnvelope<any>): void {
    const at = now();
    if (e.type === EventType.SHEETS_ROW_CHANGED) {
      this.rowEvents++;
      this.lastRowEventAt = at;
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.match(e)) this.waiters.splice(i, 1)[0]!.resolve(at);
    }
  }

  /** Resolves with the time (performance.now) the first matching event arrives. */
  when(match: (e: EventEnvelope<any>) => boolean, timeoutMs = 60_000, what = 'event'): Promise<number> {
    return withTimeout(new Promise<number>((resolve) => this.waiters.push({ match, resolve })), timeoutMs, what);
  }
}

async function startApp(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig('sheets-sync', sheetsConfigSchema, { LOG_LEVEL: 'silent', PORT: '1', ...env });
  const app = await createServiceApp(AppModule.register(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function run(config: Config): Promise<Results & { targets: ReturnType<typeof check>[] }> {
  const cfg = {
    ...config,
    rows: config.rows ?? (config.quick ? 2000 : 10_000),
    edits: config.edits ?? (config.quick ? 3 : 10),
  };

  // ---- world: fake Google, database, topology ----
  const google = await FakeGoogle.start();
  onCleanup('fake google', () => google.stop());
  const tabs = generateTabs(cfg.rows, cfg.tabs);
  google.setSpreadsheet(SHEET, { title: 'Bench hand log', tabs });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pokervod-bench-sheets-'));
  onCleanup('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const keyFile = path.join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(google.serviceAccountKey()));
  const world = await benchWorld('bench-sheets');
  const watcher = new Watcher(world);
  await watcher.bus.start();
  onCleanup('watcher', () => watcher.bus.stop());

  const env = {
    ...world.env,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    GOOGLE_API_ROOT_URL: google.url,
    SHEETS_SOURCES: `google:${SHEET}`,
    SHEETS_WEBHOOK_SECRET: SECRET,
    SHEETS_WEBHOOK_RECHECK_SECONDS: '0',
    // The fake has no quota; the bench's own syncs stay far below Google's 60/min anyway.
    SHEETS_READS_PER_MINUTE: '600',
  };
  const sheetId = `google:${SHEET}`;

  // ---- 1. first sync ----
  progress(`first sync of ${cfg.rows} rows in ${cfg.tabs} tab(s)`);
  const app = await startApp({ ...env, SHEETS_POLL_SECONDS: '0' });
  const stopApp = onCleanup('app', () => app.close());
  const url = await app.getUrl();
  const t0 = now();
  const completed = watcher.when((e) => e.type === EventType.SHEETS_SYNC_COMPLETED, 120_000, 'first sync completion');
  const first = await watcher.bus.request('sheets.sync_sheet', { sheet_id: sheetId }, { timeoutMs: 120_000 });
  const replyMs = now() - t0;
  const completedMs = (await completed) - t0;
  while (watcher.rowEvents < first.added) await sleep(5);
  const allRowEventsMs = watcher.lastRowEventAt - t0;
  progress(
    `first sync: reply ${replyMs.toFixed(0)} ms, completed ${completedMs.toFixed(0)} ms, ${first.added} row events by ${allRowEventsMs.toFixed(0)} ms`,
  );

  // ---- 2. no-change re-sync ----
  const before = watcher.rowEvents;
  const t1 = now();
  const again = await watcher.bus.request('sheets.sync_sheet', { sheet_id: sheetId }, { timeoutMs: 60_000 });
  const resyncMs = now() - t1;
  await sleep(300);
  const resyncEvents = watcher.rowEvents - before + again.added + again.changed + again.removed;
  progress(`re-sync: ${resyncMs.toFixed(0)} ms, ${resyncEvents} row events`);

  // ---- 3. webhook latency ----
  const editRow = (i: number) => 2 + ((i * 7919) % Math.min(cfg.rows, tabs[0]!.rows.length - 1));
  const webhookMs: number[] = [];
  for (let i = 0; i < cfg.edits; i++) {
    const row = editRow(i);
    const tag = `webhook-${i}`;
    const done = watcher.when(
      (e) => e.type === EventType.SHEETS_ROW_CHANGED && e.payload.row.tags.includes(tag),
      30_000,
      'webhook edit',
    );
    const synced = watcher.when((e) => e.type === EventType.SHEETS_SYNC_COMPLETED, 30_000, 'webhook sync');
    const t = now();
    google.setCell(SHEET, 'Day 1', row, 5, `bluff, ${tag}`);
    const res = await fetch(`${url}/webhooks/sheets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pokervod-webhook-secret': SECRET },
      body: JSON.stringify({ spreadsheet_id: SHEET }),
    });
    if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
    webhookMs.push((await done) - t);
    await synced;
  }
  const webhook = summarize(webhookMs);
  progress(`webhook: p50 ${webhook.p50.toFixed(0)} ms, max ${webhook.max.toFixed(0)} ms`);
  await stopApp();

  // ---- 4. polling latency ----
  const pollApp = await startApp({ ...env, SHEETS_POLL_SECONDS: String(cfg.pollMs / 1000) });
  onCleanup('poll app', () => pollApp.close());
  await sleep(cfg.pollMs * 2); // its first round finds nothing new
  const pollingMs: number[] = [];
  for (let i = 0; i < cfg.edits; i++) {
    const tag = `polled-${i}`;
    const done = watcher.when(
      (e) => e.type === EventType.SHEETS_ROW_CHANGED && e.payload.row.tags.includes(tag),
      30_000,
      'polled edit',
    );
    // Edits land at random points of the poll interval, as real ones do.
    await sleep(Math.random() * cfg.pollMs);
    const t = now();
    google.setCell(SHEET, 'Day 1', editRow(i + cfg.edits), 5, `cooler, ${tag}`);
    pollingMs.push((await done) - t);
    await sleep(50);
  }
  const polling = { ...summarize(pollingMs), pollMs: cfg.pollMs };
  progress(`polling: p50 ${polling.p50.toFixed(0)} ms, max ${polling.max.toFixed(0)} ms`);

  const fakeRequests: Record<string, number> = {};
  for (const r of google.requests) {
    const key = `${r.api} ${r.method} ${r.path.replace(SHEET, '{id}')}`;
    fakeRequests[key] = (fakeRequests[key] ?? 0) + 1;
  }
  const results: Results = {
    rows: cfg.rows,
    tabs: cfg.tabs,
    firstSync: { replyMs, completedMs, allRowEventsMs, rowEvents: first.added },
    resync: { replyMs: resyncMs, rowEvents: resyncEvents },
    webhook,
    polling,
    fakeRequests,
  };
  const targets = [
    maxCheck('first sync (reply) < 5 s', results.firstSync.replyMs, 5000),
    maxCheck('re-sync < 1 s', results.resync.replyMs, 1000),
    check('re-sync emits no row event', '0 row events', results.resync.rowEvents, 0, results.resync.rowEvents === 0),
    maxCheck('webhook latency p95 < 1 s', results.webhook.p95, 1000),
  ];
  return { ...results, targets };
}

function render(r: Results & { targets: ReturnType<typeof check>[] }, meta: Record<string, unknown>): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const lat = (s: LatencySummary) => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.samples})`;
  return [
    `sheets-sync benchmark — ${r.rows} rows in ${r.tabs} tab(s), fake Google, real Postgres + RabbitMQ (${meta['node']}, ${meta['cpus']} CPUs)`,
    '',
    `first sync        reply ${ms(r.firstSync.replyMs)} · sheets.sync.completed ${ms(r.firstSync.completedMs)} · all ${r.firstSync.rowEvents} sheets.row.changed ${ms(r.firstSync.allRowEventsMs)}`,
    `no-change re-sync reply ${ms(r.resync.replyMs)} · ${r.resync.rowEvents} row events`,
    `edit → sheets.row.changed via webhook  ${lat(r.webhook)}`,
    `edit → sheets.row.changed via polling  ${lat(r.polling)} (poll every ${r.polling.pollMs} ms)`,
    '',
    'fake Google requests: ' +
      Object.entries(r.fakeRequests)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', '),
    '',
    ...r.targets.map((t) => `${t.pass ? 'PASS' : 'MISS'}  ${t.name}`),
    targetsLine(r.targets, 'aims'),
    '',
  ].join('\n');
}

runBench({
  script: 'sheets.bench.ts',
  about:
    'Block D (sheets-sync) against a fake Google serving a generated hand log: first sync, a no-change\n' +
    're-sync, and edit → sheets.row.changed via the webhook and via polling.',
  options,
  timeoutS: 600,
  env: BENCH_ENV,
  run,
  report: (results, { meta }) => render(results, meta),
});
