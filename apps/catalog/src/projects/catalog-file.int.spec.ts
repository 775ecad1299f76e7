import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EventEnvelope, EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { CatalogWorld, added, catalogWorld, nasEvent, startCatalog, videoFile } from '../../test/catalog-harness';

describe('CATALOG_FILE: projects and aliases from a definition file (real RabbitMQ + Postgres)', () => {
  let world: CatalogWorld;
  let catalog: { app: INestApplication; url: string } | undefined;
  let dir: string;
  let file: string;

  const sql = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await world.pg.query(text, params)).rows as T[];
  const handled = async (events: EventEnvelope[]) => {
    const ids = events.map((e) => e.id);
    await waitFor(
      async () =>
        (await sql(`SELECT count(*)::int AS n FROM catalog.inbox WHERE event_id = ANY($1)`, [ids]))[0].n === ids.length,
      { timeoutMs: 15_000, description: 'events handled' },
    );
  };
  const titleOf = async (fileId: string) =>
    (
      await sql(`SELECT e.title FROM catalog.files f JOIN catalog.episodes e ON e.id = f.episode_id WHERE f.id = $1`, [
        fileId,
      ])
    )[0]?.title;
  const reconcile = async () => {
    const correlationId = randomUUID();
    await world.system.publish([nasEvent(EventType.CATALOG_UPDATE_REQUESTED, {}, { correlationId })]);
    await waitFor(() => world.system.of(EventType.CATALOG_UPDATED, correlationId)[0], { timeoutMs: 15_000 });
    return waitFor(() =>
      world.system.of(EventType.BLOCK_STATUS, correlationId).find((e) => e.payload.status !== 'in_progress'),
    );
  };

  beforeAll(async () => {
    world = await catalogWorld('catfile');
    dir = mkdtempSync(path.join(tmpdir(), 'catalog-file-'));
    file = path.join(dir, 'catalog.yaml');
  }, 60_000);

  afterAll(async () => {
    await catalog?.app.close();
    await world?.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start with an invalid definition file, naming the file and the problem', async () => {
    writeFileSync(file, 'projects:\n  - code: GPS\n');
    await expect(startCatalog(world, { CATALOG_FILE: file })).rejects.toThrow(
      `CATALOG_FILE: catalog definition ${file} is invalid:\n  - projects[0].name: Invalid input: expected string, received undefined`,
    );
  });

  it('places files the parser cannot name by the aliases of a defined project', async () => {
    writeFileSync(
      file,
      [
        '# Projects beyond the built-in brands',
        'projects:',
        '  - code: GPS',
        '    name: Global Poker Series',
        '    aliases: [global poker series, 글로벌포커]',
        '  - code: WSOP',
        '    name: World Series of Poker',
      ].join('\n'),
    );
    catalog = await startCatalog(world, { CATALOG_FILE: file });
    const events = [
      added(videoFile('gps-1', 'GlobalPokerSeries_2023_Main_Event_Day1_Part1.mp4')),
      added(videoFile('gps-2', 'GPS/2023/GPS_2023_Main_Event_Day1_Part2.mp4')),
      added(videoFile('gps-kr', '글로벌포커 2023 메인이벤트 2일차.mp4')),
      added(videoFile('wsop', 'WSOP_2023_Main_Event_Day1A_Part1.mp4')),
    ];
    await world.system.publish(events);
    await handled(events);
    expect(await titleOf('gps-1')).toBe('Global Poker Series 2023 Main Event Day 1');
    expect(await titleOf('gps-2')).toBe('Global Poker Series 2023 Main Event Day 1');
    expect(await titleOf('gps-kr')).toBe('Global Poker Series 2023 Main Event Day 2');
    expect(await titleOf('wsop')).toBe('World Series of Poker 2023 Main Event Day 1A');
    const projects = (await (await fetch(`${catalog.url}/api/catalog/projects`)).json()) as any[];
    expect(projects.find((p) => p.code === 'GPS')).toMatchObject({
      name: 'Global Poker Series',
      source: 'file',
      aliases: ['global poker series', '글로벌포커'],
      episodes: 2,
    });
    await waitFor(() => world.system.of(EventType.PROJECT_CREATED).find((e) => e.payload.code === 'GPS'));
    expect(world.system.of(EventType.PROJECT_CREATED).filter((e) => e.payload.code === 'GPS')).toHaveLength(1);
    await expect(
      world.system.request('catalog.match_episode', { title: '글로벌포커 2023 메인 이벤트 데이 1' }),
    ).resolves.toMatchObject({
      status: 'matched',
      episode: { title: 'Global Poker Series 2023 Main Event Day 1', project_code: 'GPS' },
    });
  });

  it('re-reads the file on reconcile: a renamed project retitles its episodes, a new alias places new files', async () => {
    writeFileSync(file, 'projects:\n  - {code: GPS, name: GPS Live, aliases: [global poker series, gpseries]}\n');
    const status = await reconcile();
    expect(status.payload).toMatchObject({ status: 'completed', last_error: null });
    expect(await titleOf('gps-1')).toBe('GPS Live 2023 Main Event Day 1');
    // WSOP is back to its built-in name once the file no longer renames it.
    expect(await titleOf('wsop')).toBe('WSOP 2023 Main Event Day 1A');
    const later = added(videoFile('gps-3', 'GPSeries_2024_Main_Event_Day3.mp4'));
    await world.system.publish([later]);
    await handled([later]);
    expect(await titleOf('gps-3')).toBe('GPS Live 2024 Main Event Day 3');
  });

  it('keeps the previous definitions when the file turns invalid, and says so', async () => {
    writeFileSync(file, 'projects: [ {code: GPS');
    const status = await reconcile();
    expect(status.payload).toMatchObject({
      block_id: 'B',
      status: 'partial',
      last_error: expect.stringContaining(`catalog definition ${file} is invalid`),
    });
    expect(await titleOf('gps-1')).toBe('GPS Live 2023 Main Event Day 1');
  });
});
