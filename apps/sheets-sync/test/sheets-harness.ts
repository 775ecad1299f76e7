import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { EventEnvelope } from '@pokervod/contracts';
import { FakeGoogle } from '@pokervod/fake-google';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { startServiceApp } from '@pokervod/service-kit';
import { waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { AppModule } from '../src/app.module';
import { sheetsConfigSchema } from '../src/sheets-sync.config';

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** A test world with a fake Google (and its service-account key in a temp dir). */
export interface SheetsWorld extends TestWorld {
  google: FakeGoogle;
  keyFile: string;
  dir: string;
}

export async function sheetsWorld(prefix: string): Promise<SheetsWorld> {
  const world = await testWorld(prefix);
  const google = await FakeGoogle.start();
  const dir = mkdtempSync(path.join(tmpdir(), `pokervod-${prefix}-`));
  const keyFile = path.join(dir, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(google.serviceAccountKey()));
  return {
    ...world,
    google,
    keyFile,
    dir,
    cleanUp: async () => {
      await google.stop();
      await world.cleanUp();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real sheets-sync app in this process, on a free port, pointed at the world. */
export function startSheetsSync(world: SheetsWorld, env: Record<string, string> = {}) {
  return startServiceApp('sheets-sync', sheetsConfigSchema, (config) => AppModule.register(config), {
    ...world.env,
    GOOGLE_APPLICATION_CREDENTIALS: world.keyFile,
    GOOGLE_API_ROOT_URL: world.google.url,
    SHEETS_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    SHEETS_POLL_SECONDS: '0',
    SHEETS_WEBHOOK_RECHECK_SECONDS: '0',
    SHEETS_RETRY_BASE_MS: '20',
    SHEETS_BREAKER_RESET_MS: '60000',
    SHEETS_REQUEST_TIMEOUT_MS: '10000',
    PORT: '1',
    ...env,
  });
}

/** Records every sheets.* and system.* event, and sends commands, on the world's topology. */
export class EventWatcher {
  readonly bus: MessageBus;
  readonly events: EventEnvelope[] = [];

  constructor(world: Pick<TestWorld, 'bus'>, name = 'watcher') {
    this.bus = new MessageBus({ ...world.bus, app: name, block: 'E', retryPolicy: RETRY_POLICIES.E });
    this.bus.on('sheets.#', (e) => void this.events.push(e));
    this.bus.on('system.#', (e) => void this.events.push(e), { name: 'system' });
  }

  start(): Promise<void> {
    return this.bus.start();
  }

  stop(): Promise<void> {
    return this.bus.stop();
  }

  /** Events of `type` recorded after position `from` (see `mark`). */
  of(type: string, from = 0): EventEnvelope<any>[] {
    return this.events.slice(from).filter((e) => e.type === type);
  }

  mark(): number {
    return this.events.length;
  }

  /** Waits for the first event of `type` after `from` that `match` accepts. */
  next(type: string, from: number, match: (e: EventEnvelope<any>) => boolean = () => true, timeoutMs = 15_000) {
    return waitFor(() => this.of(type, from).find(match), { timeoutMs, description: `${type} event` });
  }
}

export type Grid = string[][];

/** The same grid as a CSV file (RFC 4180 quoting). */
export function writeCsv(file: string, grid: Grid): void {
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  writeFileSync(file, grid.map((row) => row.map(quote).join(',')).join('\n') + '\n');
}

/** The same tabs as an XLSX workbook, every cell a string. */
export async function writeXlsx(file: string, tabs: { name: string; rows: Grid }[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const tab of tabs) {
    const sheet = workbook.addWorksheet(tab.name);
    tab.rows.forEach((row, i) => {
      row.forEach((cell, j) => {
        if (cell !== '') sheet.getCell(i + 1, j + 1).value = cell;
      });
    });
  }
  await workbook.xlsx.writeFile(file);
}
