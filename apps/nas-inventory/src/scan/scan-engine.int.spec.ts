import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { EventType, ParsedMetadata } from '@pokervod/contracts';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { InventoryRepository } from '../inventory/inventory.repository';
import { SCAN_PAGE, ScanDeps, reparseOutdated, scanRoot } from './scan-engine';

const OLD = new Date(Date.now() - 3600_000);

/** The outbox batches of `n` files written a page at a time. */
const pages = (n: number): number[] =>
  Array.from({ length: Math.ceil(n / SCAN_PAGE) }, (_, i) => Math.min(SCAN_PAGE, n - i * SCAN_PAGE));

function parsed(relPath: string): ParsedMetadata {
  const project = relPath.startsWith('WSOP') ? 'WSOP' : null;
  return {
    project,
    year: null,
    date: null,
    season: null,
    episode: null,
    event_number: null,
    event_name: null,
    buy_in: null,
    currency: null,
    day: null,
    part: null,
    final_table: false,
    game: null,
    location: null,
    extension: 'mp4',
    title: relPath,
    confidence: project ? 0.5 : 0.1,
  };
}

describe('scanRoot (real Postgres, real files)', () => {
  let world: TestWorld;
  let ds: DataSource;
  let root: string;
  let events: { type: string; payload: any }[];
  let batches: number[];
  const repo = new InventoryRepository();

  const deps = (): ScanDeps => ({
    dataSource: ds,
    repository: repo,
    settings: {
      extensions: new Set(['mp4', 'mov']),
      ignoreGlobs: [],
      concurrency: 2,
      stableSeconds: 30,
      hashWindowBytes: 64,
    },
    parse: parsed,
    parserVersion: 1,
    emit: async (_m, list) => {
      batches.push(list.length);
      events.push(...list);
    },
  });
  const spec = () => ({ name: 'media', path: root });
  const write = (rel: string, content: string, mtime = OLD) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
    utimesSync(path.join(root, rel), mtime, mtime);
  };
  const files = async () =>
    ds.query(
      `SELECT id, path, size::int, status, missing_since, updated_at, parsed->>'project' AS project, unmatched FROM nas.video_files ORDER BY path`,
    );

  beforeAll(async () => {
    world = await testWorld('scan');
    ds = await new DataSource({ type: 'postgres', url: world.db.url }).initialize();
    root = mkdtempSync(path.join(tmpdir(), 'pokervod-scan-'));
    await repo.upsertRoot(ds.manager, 'media', root);
    write('WSOP/2023/Day1A_Part1.mp4', 'a'.repeat(100));
    write('WSOP/2023/Day1A_Part2.mp4', 'b'.repeat(200));
    write('WPT/S21E05.mp4', 'c'.repeat(300));
    write('EPT/Barcelona/Day5.mov', 'd'.repeat(400));
    write('unknown/IMG_2041.mp4', 'e'.repeat(500));
  });

  beforeEach(() => {
    events = [];
    batches = [];
  });

  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await ds?.destroy();
    await world?.cleanUp();
  });

  it('inventories every file on the first scan, with parsed metadata, and emits nas.file.added for each', async () => {
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ offline: false, seen: 5, added: 5, changed: 0, moved: 0, removed: 0 });
    expect(events.map((e) => e.type)).toEqual(Array(5).fill(EventType.NAS_FILE_ADDED));
    const added = events.find((e) => e.payload.file.path === 'WSOP/2023/Day1A_Part1.mp4')!.payload.file;
    expect(added).toMatchObject({ root: 'media', size: 100, content_hash: expect.stringMatching(/^sha256:/) });
    expect(added.parsed.project).toBe('WSOP');
    const rows = await files();
    expect(rows.find((r: any) => r.path === 'unknown/IMG_2041.mp4')).toMatchObject({ project: null, unmatched: true });
  });

  it('emits nothing and writes nothing on a second scan of an unchanged tree', async () => {
    const before = await files();
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ seen: 5, added: 0, changed: 0, moved: 0, removed: 0 });
    expect(events).toEqual([]);
    expect(await files()).toEqual(before);
  });

  it('sees a rename and a move to another folder as moves, keeping the file id', async () => {
    const [before] = await ds.query(`SELECT id FROM nas.video_files WHERE path = 'WPT/S21E05.mp4'`);
    renameSync(path.join(root, 'WPT/S21E05.mp4'), path.join(root, 'WPT/WPT_S21_E05_Final_Table.mp4'));
    mkdirSync(path.join(root, 'WSOP/2023/Main Event'), { recursive: true });
    renameSync(path.join(root, 'WSOP/2023/Day1A_Part2.mp4'), path.join(root, 'WSOP/2023/Main Event/Day1A_Part2.mp4'));
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ added: 0, removed: 0, moved: 2 });
    expect(events.map((e) => [e.type, e.payload.from.path, e.payload.file.path]).sort()).toEqual([
      ['nas.file.moved', 'WPT/S21E05.mp4', 'WPT/WPT_S21_E05_Final_Table.mp4'],
      ['nas.file.moved', 'WSOP/2023/Day1A_Part2.mp4', 'WSOP/2023/Main Event/Day1A_Part2.mp4'],
    ]);
    const [after] = await ds.query(`SELECT id FROM nas.video_files WHERE path = 'WPT/WPT_S21_E05_Final_Table.mp4'`);
    expect(after.id).toBe(before.id);
  });

  it('sees a copied-then-deleted file (new inode, new mtime) as a move by its content', async () => {
    const src = path.join(root, 'EPT/Barcelona/Day5.mov');
    write('EPT/2023/Barcelona_Day5.mov', 'd'.repeat(400), new Date(Date.now() - 7200_000));
    unlinkSync(src);
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ added: 0, removed: 0, moved: 1 });
    expect(events[0]).toMatchObject({ type: 'nas.file.moved', payload: { from: { path: 'EPT/Barcelona/Day5.mov' } } });
  });

  it('reports a changed file once, with its previous size', async () => {
    appendFileSync(path.join(root, 'unknown/IMG_2041.mp4'), 'more');
    utimesSync(path.join(root, 'unknown/IMG_2041.mp4'), OLD, new Date(Date.now() - 120_000));
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ changed: 1, added: 0, removed: 0, moved: 0 });
    expect(events).toEqual([
      {
        type: 'nas.file.changed',
        payload: expect.objectContaining({ previous: expect.objectContaining({ size: 500 }) }),
      },
    ]);
    expect(events[0].payload.file.size).toBe(504);
  });

  it('does not report a file whose time moved but whose content did not (NAS clock skew)', async () => {
    utimesSync(path.join(root, 'WPT/WPT_S21_E05_Final_Table.mp4'), OLD, new Date(Date.now() - 90_000));
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ changed: 0, unchangedContent: 1, added: 0, removed: 0, moved: 0 });
    expect(events).toEqual([]);
    events = [];
    expect(await scanRoot(deps(), spec())).toMatchObject({ changed: 0, unchangedContent: 0 });
  });

  it('keeps a removed file as missing with missing_since, and a file still being written waits', async () => {
    unlinkSync(path.join(root, 'WSOP/2023/Day1A_Part1.mp4'));
    write('WSOP/2024/Day2_Part1.mp4', 'f'.repeat(50), new Date()); // modified just now: maybe still copying
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ removed: 1, added: 0, unstable: 1 });
    expect(events).toEqual([
      { type: 'nas.file.removed', payload: expect.objectContaining({ path: 'WSOP/2023/Day1A_Part1.mp4' }) },
    ]);
    const gone = (await files()).find((r: any) => r.path === 'WSOP/2023/Day1A_Part1.mp4');
    expect(gone).toMatchObject({ status: 'missing', missing_since: expect.any(Date) });
    expect((await files()).some((r: any) => r.path === 'WSOP/2024/Day2_Part1.mp4')).toBe(false);

    utimesSync(path.join(root, 'WSOP/2024/Day2_Part1.mp4'), OLD, OLD); // the copy finished
    events = [];
    expect(await scanRoot(deps(), spec())).toMatchObject({ added: 1, unstable: 0, removed: 0 });
  });

  it('scans one folder without touching files elsewhere', async () => {
    write('WPT/S22E03.mp4', 'g'.repeat(70));
    unlinkSync(path.join(root, 'WSOP/2024/Day2_Part1.mp4')); // outside the folder: not looked at
    const result = await scanRoot(deps(), spec(), 'WPT');
    expect(result).toMatchObject({ added: 1, removed: 0 });
    expect(events.map((e) => e.payload.file?.path)).toEqual(['WPT/S22E03.mp4']);
  });

  it('marks an unreachable or suddenly empty root offline and keeps its files', async () => {
    const present = (await files()).filter((r: any) => r.status === 'present').length;
    expect(await scanRoot(deps(), { name: 'media', path: path.join(root, 'not-mounted') })).toMatchObject({
      offline: true,
      reason: expect.stringMatching(/unreachable/),
    });
    const empty = mkdtempSync(path.join(tmpdir(), 'pokervod-empty-'));
    try {
      const result = await scanRoot(deps(), { name: 'media', path: empty });
      expect(result).toMatchObject({ offline: true, reason: expect.stringMatching(/suddenly empty/) });
    } finally {
      rmSync(empty, { recursive: true });
    }
    expect(events).toEqual([]);
    expect((await files()).filter((r: any) => r.status === 'present').length).toBe(present);
    const [rootRow] = await ds.query(`SELECT status, last_error FROM nas.roots WHERE name = 'media'`);
    expect(rootRow.status).toBe('offline');
  });

  it('pairs a file that went missing in an earlier scan with a copy that turns up later, by content', async () => {
    const [lost] = await ds.query(`SELECT id, status FROM nas.video_files WHERE path = 'WSOP/2023/Day1A_Part1.mp4'`);
    expect(lost.status).toBe('missing');
    write('Archive/WSOP 2023 Day 1A (1).mp4', 'a'.repeat(100), new Date(Date.now() - 5000_000));
    const result = await scanRoot(deps(), spec());
    // The file deleted outside the folder scan above is noticed now.
    expect(result).toMatchObject({ moved: 1, added: 0, removed: 1 });
    const moved = events.find((e) => e.type === EventType.NAS_FILE_MOVED)!;
    expect(moved.payload).toMatchObject({
      from: { root: 'media', path: 'WSOP/2023/Day1A_Part1.mp4' },
      file: { id: lost.id, path: 'Archive/WSOP 2023 Day 1A (1).mp4' },
    });
    const [row] = await ds.query(`SELECT status, missing_since FROM nas.video_files WHERE id = $1`, [lost.id]);
    expect(row).toEqual({ status: 'present', missing_since: null });
  });

  it('keeps the row of a file that comes back to the path it went missing from', async () => {
    const [gone] = await ds.query(`SELECT id, status FROM nas.video_files WHERE path = 'WSOP/2024/Day2_Part1.mp4'`);
    expect(gone.status).toBe('missing');
    write('WSOP/2024/Day2_Part1.mp4', 'f'.repeat(60));
    const result = await scanRoot(deps(), spec());
    expect(result).toMatchObject({ added: 1, moved: 0, removed: 0 });
    expect(events).toEqual([
      { type: EventType.NAS_FILE_ADDED, payload: { file: expect.objectContaining({ id: gone.id, size: 60 }) } },
    ]);
    const [row] = await ds.query(`SELECT status, size::int FROM nas.video_files WHERE id = $1`, [gone.id]);
    expect(row).toEqual({ status: 'present', size: 60 });
  });

  it('writes a large change page by page, one outbox batch each, and refreshes the statistics afterwards', async () => {
    const lastAnalyze = async () =>
      (
        await ds.query(
          `SELECT last_analyze FROM pg_stat_user_tables WHERE schemaname = 'nas' AND relname = 'video_files'`,
        )
      )[0].last_analyze;
    expect(await lastAnalyze()).toBeNull(); // small scans leave the statistics alone
    for (let i = 0; i < 2500; i++) write(`Bulk/${Math.floor(i / 100)}/clip_${i}.mp4`, `bulk ${i}`);
    const first = await scanRoot(deps(), spec());
    expect(first).toMatchObject({ added: 2500, moved: 0, removed: 0, changed: 0 });
    expect(batches).toEqual(pages(2500));
    expect(new Set(events.map((e) => e.payload.file.path)).size).toBe(2500);
    expect(await lastAnalyze()).toEqual(expect.any(Date));

    const ids = new Map<string, string>(
      (await ds.query(`SELECT path, id FROM nas.video_files WHERE path LIKE 'Bulk/%'`)).map((r: any) => [r.path, r.id]),
    );
    renameSync(path.join(root, 'Bulk'), path.join(root, 'Bulk 2024'));
    events = [];
    batches = [];
    const renamed = await scanRoot(deps(), spec());
    expect(renamed).toMatchObject({ moved: 2500, added: 0, removed: 0 });
    expect(batches).toEqual(pages(2500));
    for (const e of events) {
      expect(e.type).toBe(EventType.NAS_FILE_MOVED);
      expect(e.payload.file.path).toBe(e.payload.from.path.replace(/^Bulk\//, 'Bulk 2024/'));
      expect(e.payload.file.id).toBe(ids.get(e.payload.from.path));
    }
  });

  it('re-parses every file read by an older parser, page by page, announcing the present ones', async () => {
    unlinkSync(path.join(root, 'WPT/S22E03.mp4'));
    expect(await scanRoot(deps(), spec())).toMatchObject({ removed: 1 });
    events = [];
    batches = [];
    await ds.query(`UPDATE nas.video_files SET parser_version = 0, parsed = NULL`);
    const [{ all, present }] = await ds.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE status = 'present')::int AS present FROM nas.video_files`,
    );
    expect(all).toBeGreaterThan(2500);
    expect(present).toBeLessThan(all); // the missing files are re-parsed too, without an event
    expect(await reparseOutdated(deps())).toBe(all);
    expect(batches).toHaveLength(pages(all).length);
    expect(events).toHaveLength(present);
    expect(
      events.every((e) => e.type === EventType.NAS_FILE_CHANGED && e.payload.file.parsed.title === e.payload.file.path),
    ).toBe(true);
    const [left] = await ds.query(
      `SELECT count(*)::int AS n FROM nas.video_files WHERE parser_version <> 1 OR parsed IS NULL`,
    );
    expect(left.n).toBe(0);
    expect(await reparseOutdated(deps())).toBe(0);
  });
});
