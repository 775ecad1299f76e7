import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { NasWorld, nasWorld, startNas } from '../../test/nas-harness';

jest.setTimeout(60_000);

const SAMPLE = resolve(__dirname, '../../../../samples/nas/WSOP Europe');

describe('nas.files_snapshot (the real app, Postgres and RabbitMQ)', () => {
  let world: NasWorld;
  let app: INestApplication;
  let client: MessageBus;

  beforeAll(async () => {
    world = await nasWorld('nas_snapshot');
    mkdirSync(join(world.root, 'WSOPE'));
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(world.root, 'WSOPE', 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
    );
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(world.root, 'WSOPE', 'WSOPE_2023_Main_Event_Day3.mp4'),
    );
    copyFileSync(
      join(SAMPLE, 'WSOPE_2023_Main_Event_Day2_Part1.mp4'),
      join(world.root, 'WSOPE', 'WSOPE_2023_Main_Event_Day4.mp4'),
    );
    ({ app } = await startNas(world));
    client = new MessageBus({ ...world.bus, app: 'snapshot-client', block: 'E', retryPolicy: RETRY_POLICIES.E });
    await client.start();
    await client.request('nas.scan', {}, { timeoutMs: 30_000 });
    rmSync(join(world.root, 'WSOPE', 'WSOPE_2023_Main_Event_Day4.mp4'));
    await client.request('nas.scan', {}, { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await client?.stop();
    await app?.close();
    await world?.cleanUp();
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
