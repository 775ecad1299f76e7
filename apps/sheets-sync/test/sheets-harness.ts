import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { EventEnvelope } from '@pokervod/contracts';
import { FakeGoogle } from '@pokervod/fake-google';
import { MessageBus } from '@pokervod/messaging';
import { migrationsFor } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  quietLogger,
  TEST_AMQP_URL,
  TestDatabase,
  TestTopology,
  uniqueTopology,
  waitFor,
} from '@pokervod/testing';
import { AppModule } from '../src/app.module';
import { sheetsConfigSchema } from '../src/sheets.config';

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** A migrated database, its own RabbitMQ names, a fake Google with a service-account key, a temp dir. */
export interface SheetsWorld {
  db: TestDatabase;
  topology: TestTopology;
  google: FakeGoogle;
  keyFile: string;
  dir: string;
  cleanUp(): Promise<void>;
}

export async function sheetsWorld(prefix: string): Promise<SheetsWorld> {
  const db = await createTestDatabase(prefix);
  const migrated = await runMigrations({
    url: db.url,
    plan: [{ schema: 'sheets', migrations: migrationsFor('sheets') }],
  });
  if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
  const topology = uniqueTopology(prefix);
  const google = await FakeGoogle.start();
  const dir = mkdtempSync(path.join(tmpdir(), `pokervod-${prefix}-`));
  const keyFile = path.join(dir, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(google.serviceAccountKey()));
  return {
    db,
    topology,
    google,
    keyFile,
    dir,
    cleanUp: async () => {
      await google.stop();
      await deleteTopology(topology);
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real sheets-sync app in this process, on a free port, pointed at the world. */
export async function startSheetsSync(
  world: SheetsWorld,
  env: Record<string, string>,
): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig('sheets-sync', sheetsConfigSchema, {
    DATABASE_URL: world.db.url,
    AMQP_URL: TEST_AMQP_URL,
    AMQP_EXCHANGE: world.topology.exchange,
    AMQP_COMMAND_EXCHANGE: world.topology.commandExchange,
    AMQP_QUEUE_PREFIX: world.topology.queuePrefix,
    GOOGLE_APPLICATION_CREDENTIALS: world.keyFile,
    GOOGLE_API_ROOT_URL: world.google.url,
    SHEETS_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    SHEETS_POLL_SECONDS: '0',
    SHEETS_WEBHOOK_RECHECK_SECONDS: '0',
    SHEETS_RETRY_BASE_MS: '20',
    SHEETS_BREAKER_RESET_MS: '60000',
    SHEETS_REQUEST_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'silent',
    PORT: '1',
    ...env,
  });
  const app = await createServiceApp(AppModule.register(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** Records every sheets.* and system.* event, and sends commands, on the world's topology. */
export class EventWatcher {
  readonly bus: MessageBus;
  readonly events: EventEnvelope[] = [];

  constructor(topology: TestTopology, name = 'watcher') {
    this.bus = new MessageBus({
      url: TEST_AMQP_URL,
      app: name,
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: quietLogger,
    });
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
