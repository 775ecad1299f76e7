import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { waitFor } from '@pokervod/testing';
import { NasWorld, nasWorld, startNas } from '../../test/nas-harness';

jest.setTimeout(60_000);

const SAMPLE = resolve(__dirname, '../../../../samples/nas/WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4');

/**
 * Probes wait in memory; a process stopped or killed before it made them
 * must not leave files without their duration and rate. The next process
 * finds them in the table at start-up, without a scan.
 */
describe('media probes a stopped process never made (the real app, Postgres and RabbitMQ)', () => {
  let world: NasWorld;
  let app: INestApplication | null = null;

  const start = async () => {
    ({ app } = await startNas(world));
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
    world = await nasWorld('nas_probe_resume');
    mkdirSync(join(world.root, 'WSOPE'));
    for (const day of ['Day2_Part1', 'Day3', 'Day4'])
      copyFileSync(SAMPLE, join(world.root, 'WSOPE', `WSOPE_2023_Main_Event_${day}.mp4`));
  });

  afterAll(async () => {
    await app?.close();
    await world?.cleanUp();
  });

  it('probes at start-up every file left unprobed, or changed since its probe', async () => {
    await start();
    const client = new MessageBus({
      ...world.bus,
      app: 'probe-resume-client',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
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
    const direct = new DataSource({ type: 'postgres', url: world.db.url });
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
