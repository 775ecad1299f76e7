import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { MessageBus } from '@pokervod/messaging';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import { createTestDatabase, deleteTopology, quietLogger, TEST_AMQP_URL, uniqueTopology } from '@pokervod/testing';
import { AppModule } from '../app.module';
import { nasConfigSchema } from '../nas.config';

jest.setTimeout(60_000);

const SAMPLE = resolve(__dirname, '../../../../samples/nas/WSOP Europe');

describe('nas.files_snapshot (the real app, Postgres and RabbitMQ)', () => {
  const db = createTestDatabase('nas_snapshot');
  const topology = uniqueTopology('nas-snapshot');
  const dir = mkdtempSync(join(tmpdir(), 'nas-snapshot-'));
  let app: INestApplication;
  let client: MessageBus;

  beforeAll(async () => {
    const { url } = await db;
    const migrated = await runMigrations({ url, plan: MIGRATION_PLAN });
    if (!migrated.ok) throw new Error(migrated.error ?? 'migrations failed');
    mkdirSync(join(dir, 'WSOPE'));
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(dir, 'WSOPE', 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
    );
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(dir, 'WSOPE', 'WSOPE_2023_Main_Event_Day3.mp4'),
    );
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(dir, 'WSOPE', 'WSOPE_2023_Main_Event_Day4.mp4'),
    );
    const config = loadConfig('nas-inventory', nasConfigSchema, {
      DATABASE_URL: url,
      AMQP_URL: TEST_AMQP_URL,
      AMQP_EXCHANGE: topology.exchange,
      AMQP_COMMAND_EXCHANGE: topology.commandExchange,
      AMQP_QUEUE_PREFIX: topology.queuePrefix,
      NAS_ROOTS: `media=${dir}`,
      NAS_WATCH: 'false',
      NAS_STABLE_SECONDS: '0',
      LOG_LEVEL: 'silent',
    });
    app = await createServiceApp(AppModule.register(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    client = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'snapshot-client',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: quietLogger,
    });
    await client.start();
    await client.request('nas.scan', {}, { timeoutMs: 30_000 });
    rmSync(join(dir, 'WSOPE', 'WSOPE_2023_Main_Event_Day4.mp4'));
    await client.request('nas.scan', {}, { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await client?.stop();
    await app?.close();
    await deleteTopology(topology);
    await (await db).drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages through every file, missing ones included, with their parse', async () => {
    const seen: { path: string; status: string; parsed: unknown; root: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { files: typeof seen; next: string | null } = await client.request('nas.files_snapshot', {
        after,
        limit: 2,
      });
      expect(page.files.length).toBeLessThanOrEqual(2);
      seen.push(...page.files);
      after = page.next;
      pages++;
    } while (after !== null);
    expect(pages).toBe(2);
    expect(seen.map((f) => [f.path, f.status]).sort()).toEqual([
      ['WSOPE/WSOPE_2023_Main_Event_Day2_Part1.mp4', 'present'],
      ['WSOPE/WSOPE_2023_Main_Event_Day3.mp4', 'present'],
      ['WSOPE/WSOPE_2023_Main_Event_Day4.mp4', 'missing'],
    ]);
    expect(seen[0]).toMatchObject({ root: 'media', parsed: expect.objectContaining({ year: 2023 }) });
  });

  it('refuses a cursor it did not make', async () => {
    await expect(client.request('nas.files_snapshot', { after: 'x', limit: 5 })).rejects.toThrow(/invalid_request/);
  });
});
