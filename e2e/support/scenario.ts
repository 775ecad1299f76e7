import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FakeGoogle } from '@pokervod/fake-google';
import { Observed, ObservedClip, ObservedRow, Scenario } from '@pokervod/scenario';
import { waitFor } from '@pokervod/testing';
import { TestSystem } from './system';

export const REPO = join(__dirname, '..', '..');

/** The blocks of a full sync, as `npm start` runs them (the API and the dashboard add nothing to a row's outcome). */
export const SYNC_APPS = ['orchestrator', 'nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync'] as const;

export type SheetSource = 'csv' | 'google';

/**
 * The environment `npm start` gives the apps (scripts/start.mjs buildEnv),
 * pointed at a scenario: its NAS root and path prefixes, its hand log. No
 * other setting is changed, so the sheets poller (every 30 s, reading at
 * start-up too) and the scheduler run with their defaults, and the sheet
 * may be read before the first NAS scan.
 */
export function npmStartEnv(scenario: Scenario, sheets: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    POKERVOD_HOME: REPO,
    NAS_ROOTS: scenario.env.NAS_ROOTS,
    NAS_PATH_PREFIXES: scenario.env.NAS_PATH_PREFIXES,
    SHEETS_SOURCES: sheets,
    ...extra,
  };
}

/** A fake Google serving the scenario's hand log, and the key file the sheets app signs in with. */
export async function googleFor(scenario: Scenario): Promise<{ google: FakeGoogle; env: NodeJS.ProcessEnv }> {
  const google = await FakeGoogle.start();
  google.setSpreadsheet(scenario.google.spreadsheetId, scenario.google.spec);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'pokervod-scenario-key-')), 'key.json');
  writeFileSync(keyFile, JSON.stringify(google.serviceAccountKey()));
  return {
    google,
    env: {
      SHEETS_SOURCES: `google:${scenario.google.spreadsheetId}`,
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      GOOGLE_API_ROOT_URL: google.url,
    },
  };
}

async function getJson(url: string): Promise<any> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** POST /api/orchestrator/sync?sync_type=full, as `npm start` does once the apps are ready. */
export async function startFullSync(system: TestSystem): Promise<string> {
  const res = await fetch(`${system.app('orchestrator').url}/api/orchestrator/sync?sync_type=full`, {
    method: 'POST',
    headers: { 'x-api-key': system.apiKey },
  });
  if (!res.ok) throw new Error(`full sync refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { task_id: string }).task_id;
}

export async function runView(system: TestSystem, taskId: string): Promise<any> {
  return getJson(`${system.app('orchestrator').url}/api/orchestrator/runs/${taskId}`);
}

export interface RowSummary {
  total: number;
  dirty: number;
  outcomes: Record<string, number>;
}

export async function rowSummary(system: TestSystem): Promise<RowSummary> {
  return getJson(`${system.app('orchestrator').url}/api/orchestrator/rows/summary`);
}

/** Converged: every stored row settled (none dirty or pending) and as many stored rows as expected. */
export function converged(summary: RowSummary, storedRows: number): boolean {
  return summary.dirty === 0 && (summary.outcomes['pending'] ?? 0) === 0 && summary.total === storedRows;
}

/** Every stored row's state, all pages. */
export async function allRows(system: TestSystem): Promise<ObservedRow[]> {
  const rows: ObservedRow[] = [];
  let after: string | null = null;
  do {
    const page: { rows: ObservedRow[]; next: string | null } = await getJson(
      `${system.app('orchestrator').url}/api/orchestrator/rows?limit=5000${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}

/** Every clip, all pages, with its file's root-relative path (read from the test's own database). */
export async function allClips(system: TestSystem): Promise<ObservedClip[]> {
  const items: any[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await getJson(`${system.app('hand-analysis').url}/api/hands/clips?limit=500&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length < 500) break;
  }
  const paths = await filePaths(system);
  return items.map((c) => ({
    id: c.id,
    row_key: c.source?.row_key ?? null,
    file: c.video_file_id ? (paths.get(c.video_file_id) ?? null) : null,
    rate: c.frame_rate,
    in_frame: c.in.frame,
    out_frame: c.out.frame,
    status: c.status,
    reasons: c.reasons,
    tags: c.tags.map((t: { name: string }) => t.name),
  }));
}

/** A query on the test's own database (read-only looks the apps' HTTP APIs do not offer). */
async function query<T extends object>(system: TestSystem, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: system.db.url, application_name: 'pokervod-e2e-observer' });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function filePaths(system: TestSystem): Promise<Map<string, string>> {
  const rows = await query<{ id: string; path: string }>(system, 'SELECT id::text, path FROM nas.video_files');
  return new Map(rows.map((r) => [r.id, r.path.normalize('NFC')]));
}

/** Root-relative paths (NFC) of the videos the inventory holds as present, sorted. */
export async function inventoryPaths(system: TestSystem): Promise<string[]> {
  const rows = await query<{ path: string }>(system, `SELECT path FROM nas.video_files WHERE status = 'present'`);
  return rows.map((r) => r.path.normalize('NFC')).sort();
}

/** Videos on the NAS the inventory has not probed yet (their rate and length are unknown until it has). */
export async function unprobedFiles(system: TestSystem): Promise<number> {
  const [row] = await query<{ n: number }>(
    system,
    `SELECT count(*)::int AS n FROM nas.video_files WHERE status = 'present' AND probed_at IS NULL`,
  );
  return row?.n ?? 0;
}

/** The one configured source's last SyncResult, as sheets-sync shows it. */
export async function sheetSource(system: TestSystem): Promise<any> {
  const sources = await getJson(`${system.app('sheets-sync').url}/api/sheets/sources`);
  if (sources.length !== 1) throw new Error(`expected one sheet source, found ${sources.length}`);
  return sources[0];
}

export async function observe(system: TestSystem): Promise<Observed> {
  const [rows, clips, source] = await Promise.all([allRows(system), allClips(system), sheetSource(system)]);
  return {
    rows,
    clips,
    sheet: {
      invalid: source.last_result?.invalid ?? [],
      duplicates: source.last_result?.duplicates ?? [],
    },
  };
}

/**
 * Waits until the system has settled: every video probed (a probe can change
 * a clip's rate and validity) and then the row summary converged; answers the
 * milliseconds it took from `since`.
 */
export async function waitConverged(
  system: TestSystem,
  storedRows: number,
  { since, timeoutMs }: { since: number; timeoutMs: number },
): Promise<number> {
  let last: RowSummary | null = null;
  let unprobed = -1;
  let reported = Date.now();
  await waitFor(
    async () => {
      unprobed = await unprobedFiles(system);
      last = await rowSummary(system);
      if (Date.now() - reported > 30_000) {
        reported = Date.now();
        console.log(`${seconds(Date.now() - since)}: ${unprobed} videos unprobed, rows ${JSON.stringify(last)}`);
      }
      return unprobed === 0 && converged(last, storedRows);
    },
    {
      timeoutMs,
      intervalMs: 500,
      description: `every video probed and ${storedRows} stored rows, none pending`,
    },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; ${unprobed} videos unprobed, last summary ${JSON.stringify(last)}`);
  });
  return Date.now() - since;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the system is doing, for deciding when to inject a fault and for the record. */
export interface SystemState {
  /** Videos the inventory knows (present). */
  files: number;
  unprobed: number;
  rows: RowSummary | null;
}

export async function systemState(system: TestSystem): Promise<SystemState> {
  const [files] = await query<{ n: number; unprobed: number }>(
    system,
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE probed_at IS NULL)::int AS unprobed
       FROM nas.video_files WHERE status = 'present'`,
  ).catch(() => [{ n: 0, unprobed: 0 }]);
  const rows = await rowSummary(system).catch(() => null);
  return { files: files?.n ?? 0, unprobed: files?.unprobed ?? 0, rows };
}

export function describeState(state: SystemState): string {
  const r = state.rows;
  const rows = r
    ? `${r.total} rows (${r.dirty} dirty, ${r.outcomes['pending'] ?? 0} pending, ${r.outcomes['clip'] ?? 0} clips)`
    : 'rows unknown';
  return `${state.files} files (${state.unprobed} unprobed), ${rows}`;
}

/**
 * Waits until the system is quiet: no row dirty or pending, and nothing
 * (files, probes, row counts) changed for `quietMs` (90 s while videos are
 * still unprobed, in case probes are just slow) — or `timeoutMs` passed.
 * Answers whether it settled, when, and the last state; never throws, so a
 * system that does not settle is still compared and its differences shown.
 */
export async function waitSettled(
  system: TestSystem,
  { since, timeoutMs, quietMs = 15_000 }: { since: number; timeoutMs: number; quietMs?: number },
): Promise<{ settled: boolean; ms: number; state: SystemState }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let quietSince = Date.now();
  let reported = Date.now();
  for (;;) {
    const state = await systemState(system);
    const print = JSON.stringify(state);
    if (print !== last) {
      last = print;
      quietSince = Date.now();
    }
    const idle = state.rows !== null && state.rows.dirty === 0 && (state.rows.outcomes['pending'] ?? 0) === 0;
    // Unprobed videos that stay unprobed this long will not be probed: settled (and compared) as they are.
    const quietEnough = state.unprobed === 0 ? quietMs : Math.max(quietMs, 90_000);
    if (idle && Date.now() - quietSince >= quietEnough) return { settled: true, ms: quietSince - since, state };
    if (Date.now() > deadline) return { settled: false, ms: Date.now() - since, state };
    if (Date.now() - reported > 30_000) {
      reported = Date.now();
      console.log(`${seconds(Date.now() - since)}: ${describeState(state)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
