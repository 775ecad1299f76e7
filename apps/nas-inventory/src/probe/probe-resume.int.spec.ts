import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBus } from '@pokervod/messaging';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  quietLogger,
  TEST_AMQP_URL,
  uniqueTopology,
  waitFor,
} from '@pokervod/testing';
import { AppModule } from '../app.module';
import { nasConfigSchema } from '../nas.config';

jest.setTimeout(60_000);

const SAMPLE = resolve(__dirname, '../../../../samples/nas/WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4');

/**
 * Probes wait in memory; a process stopped or killed before it made them
 * must not leave files without their duration and rate. The next process
 * finds them in the table at start-up, without a scan.
 */
describe('media probes a stopped process never made (the real app, Postgres and RabbitMQ)', () => {
  const db = createTestDatabase('nas_probe_resume');
  const topology = uniqueTopology('nas-probe-resume');
  const dir = mkdtempSync(join(tmpdir(), 'nas-probe-resume-'));
  let url: string;
  let app: INestApplication | null = null;

  const start = async () => {
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
    return app;
  };
  const files = async () =>
    (await app!
      .get(DataSource)
      .query(`SELECT path, probed_at, media->>'frame_rate' AS frame_rate FROM nas.video_files ORDER BY path`)) as {
      path: string;
      probed_at: Date | null;
      frame_rate: string | null;
    }[];

  beforeAll(async () => {
    url = (await db).url;
    const migrated = await runMigrations({ url, plan: MIGRATION_PLAN });
    if (!migrated.ok) throw new Error(migrated.error ?? 'migrations failed');
    mkdirSync(join(dir, 'WSOPE'));
    for (const day of ['Day2_Part1', 'Day3', 'Day4'])
      copyFileSync(SAMPLE, join(dir, 'WSOPE', `WSOPE_2023_Main_Event_${day}.mp4`));
  });

  afterAll(async () => {
    await app?.close();
    await deleteTopology(topology);
    await (await db).drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('probes at start-up every file left unprobed, or changed since its probe', async () => {
    await start();
    const client = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'probe-resume-client',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: quietLogger,
    });
    await client.start();
    await client.request('nas.scan', {}, { timeoutMs: 30_000 });
    await client.stop();
    await waitFor(async () => (await files()).every((f) => f.probed_at !== null), { description: 'first probes' });
    const rate = (await files())[0]!.frame_rate;
    expect(rate).toMatch(/^\d+\/\d+$/);
    await app!.close();
    app = null;

    // As a killed process leaves them: two files never probed, one changed after its probe.
    const direct = new DataSource({ type: 'postgres', url });
    await direct.initialize();
    await direct.query(`UPDATE nas.video_files SET media = NULL, probed_at = NULL WHERE path NOT LIKE '%Day4.mp4'`);
    await direct.query(
      `UPDATE nas.video_files SET media = NULL, probed_at = mtime - interval '1 day' WHERE path LIKE '%Day4.mp4'`,
    );
    await direct.destroy();

    await start();
    await waitFor(async () => (await files()).every((f) => f.frame_rate !== null), {
      description: 'every file probed again, without a scan',
    });
    expect((await files()).map((f) => f.frame_rate)).toEqual([rate, rate, rate]);
  });
});
