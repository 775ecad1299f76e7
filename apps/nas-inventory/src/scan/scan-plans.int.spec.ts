import { DataSource, EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { InventoryRepository, NewFile } from '../inventory/inventory.repository';

/**
 * The scan's queries must stay linear on a big table that has no planner
 * statistics — as right after a bulk load, or always on a server with
 * autovacuum off. Without statistics Postgres once planned "new entries" as
 * a nested loop that re-read every file of the root for every entry seen
 * (a 1 % churn scan of 100,000 files: 301 s in that one query). These tests
 * build 100,000 files and 100,000 scan entries, keep autovacuum away, and
 * read the plans of the scan's statements under every mix of statistics.
 */

const FILES = 100_000;
const SCAN = '00000000-0000-4000-8000-000000000001';
const BIG_TABLES = new Set(['video_files', 'scan_entries', 'scan_diff']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  'Join Type'?: string;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

const readsBigTable = (n: PlanNode) => n['Relation Name'] !== undefined && BIG_TABLES.has(n['Relation Name']);

/**
 * What makes a plan grow with the square of the table: a nested loop whose
 * inner side reads a big table other than by an index probe per outer row
 * (a Materialize of it, a Seq Scan or a Bitmap Heap Scan rescanned per row).
 * With `perPage`, a statement run once per page may not read a big table
 * whole at all (a Seq Scan per page is quadratic over a scan's pages).
 */
function linearityProblems(plan: PlanNode, opts: { perPage: boolean }): string[] {
  const problems: string[] = [];
  for (const n of nodes(plan)) {
    if (opts.perPage && n['Node Type'] === 'Seq Scan' && readsBigTable(n))
      problems.push(`Seq Scan on ${n['Relation Name']} in a per-page statement`);
    if (n['Node Type'] !== 'Nested Loop') continue;
    const inner = n.Plans?.find((c) => c['Parent Relationship'] === 'Inner');
    for (const m of inner ? nodes(inner) : []) {
      if (m['Node Type'] === 'Materialize' && [...nodes(m)].some(readsBigTable))
        problems.push(`Nested Loop over a Materialize of ${[...nodes(m)].find(readsBigTable)!['Relation Name']}`);
      if ((m['Node Type'] === 'Seq Scan' || m['Node Type'] === 'Bitmap Heap Scan') && readsBigTable(m))
        problems.push(`Nested Loop over a ${m['Node Type']} of ${m['Relation Name']}`);
    }
  }
  return [...new Set(problems)];
}

/** Records the statements a repository method sends instead of running them. */
function recorder(): { manager: EntityManager; statements: { sql: string; params: unknown[] }[] } {
  const statements: { sql: string; params: unknown[] }[] = [];
  const manager = {
    query: async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      return [];
    },
  } as unknown as EntityManager;
  return { manager, statements };
}

const parsed = (title: string): ParsedMetadata => ({
  project: 'WSOP',
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
  title,
  confidence: 0.5,
});

describe('scan queries on 100,000 files without planner statistics', () => {
  let world: TestWorld;
  let ds: DataSource;
  const repo = new InventoryRepository();
  let someIds: string[];

  /** The plan of each statement `call` sends, with its real parameters. */
  async function plansOf(call: (m: EntityManager) => Promise<unknown>): Promise<{ sql: string; plan: PlanNode }[]> {
    const { manager, statements } = recorder();
    await call(manager).catch(() => undefined); // the recorder answers nothing; only the statements matter
    expect(statements.length).toBeGreaterThan(0);
    const plans = [];
    for (const { sql, params } of statements) {
      const [row] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      plans.push({ sql, plan: row['QUERY PLAN'][0].Plan as PlanNode });
    }
    return plans;
  }

  const newFiles = (n: number, prefix: string): NewFile[] =>
    Array.from({ length: n }, (_, i) => ({
      path: `${prefix}/file_${i}.mp4`,
      size: 5_000_000 + i,
      mtime: new Date('2024-03-01T00:00:00Z'),
      inode: String(900_000 + i),
      device: '1',
      content_hash: `sha256:${prefix}${i}`,
      parsed: parsed(`${prefix} ${i}`),
      parser_version: 1,
    }));

  /** Every statement of a scan's diff and its per-page writes, with realistic parameters. */
  async function scanStatements(): Promise<{ name: string; perPage: boolean; sql: string; plan: PlanNode }[]> {
    const page = 1000;
    const moves = newFiles(page, 'Moved').map((file, i) => ({ id: someIds[i]!, file }));
    const calls: [string, boolean, (m: EntityManager) => Promise<unknown>][] = [
      ['diffScan', false, (m) => repo.diffScan(m, SCAN, 'media', '')],
      ['diffScan of a folder', false, (m) => repo.diffScan(m, SCAN, 'media', 'WSOP/7')],
      ['diffPage new', true, (m) => repo.diffPage(m, SCAN, 'new', 'WSOP/5', page)],
      ['diffPage vanished', true, (m) => repo.diffPage(m, SCAN, 'vanished', '', page * 10)],
      ['hasMissingFiles', true, (m) => repo.hasMissingFiles(m)],
      [
        'missingByContent',
        true,
        (m) =>
          repo.missingByContent(
            m,
            newFiles(page, 'Lost').map((f) => ({ size: f.size, contentHash: f.content_hash! })),
          ),
      ],
      ['upsertMany', true, (m) => repo.upsertMany(m, 'media', newFiles(page, 'New'))],
      ['moveMany', true, (m) => repo.moveMany(m, 'media', moves)],
      ['markMissing', true, (m) => repo.markMissing(m, someIds.slice(0, page))],
      ['parsedBefore', true, (m) => repo.parsedBefore(m, 2, someIds[0] ?? '', page)],
      [
        'setParsedMany',
        true,
        (m) =>
          repo.setParsedMany(
            m,
            someIds.map((id) => ({ id, parsed: parsed(id) })),
            2,
          ),
      ],
    ];
    const out = [];
    for (const [name, perPage, call] of calls)
      for (const { sql, plan } of await plansOf(call)) out.push({ name, perPage, sql, plan });
    return out;
  }

  beforeAll(async () => {
    world = await testWorld('scanplans');
    ds = await new DataSource({ type: 'postgres', url: world.db.url }).initialize();
    // Statistics only when a test asks for them, even on a server where autovacuum is on.
    for (const t of BIG_TABLES) await ds.query(`ALTER TABLE nas.${t} SET (autovacuum_enabled = false)`);
    await repo.upsertRoot(ds.manager, 'media', '/nowhere');
    await ds.query(
      `INSERT INTO nas.video_files (root, path, path_lower, name_lower, size, mtime, inode, device, content_hash, parsed, parser_version)
       SELECT 'media', p, lower(p), 'file_' || i || '.mp4', 1000 + i, timestamptz '2024-01-01' + i * interval '1 s',
              i::text, '1', 'sha256:' || md5(i::text), jsonb_build_object('project', 'WSOP', 'title', p), 1
       FROM generate_series(1, $1::int) i, LATERAL (SELECT 'WSOP/' || (i / 100) || '/file_' || i || '.mp4' AS p) x`,
      [FILES],
    );
    // What a 1 % churn scan sees: every hundredth file renamed, every hundredth other one grown.
    await ds.query(
      `INSERT INTO nas.scan_entries (scan_id, path, size, mtime, inode, device, stable)
       SELECT $1, CASE WHEN i % 100 = 0 THEN 'WSOP/' || (i / 100) || '/renamed_' || i || '.mp4'
                       ELSE 'WSOP/' || (i / 100) || '/file_' || i || '.mp4' END,
              CASE WHEN i % 100 = 50 THEN 2000 + i ELSE 1000 + i END,
              timestamptz '2024-01-01' + i * interval '1 s', i::text, '1', true
       FROM generate_series(1, $2::int) i`,
      [SCAN, FILES],
    );
    // A first scan's diff of another scan, so that the pages are read from a table of realistic size.
    await ds.query(
      `INSERT INTO nas.scan_diff (scan_id, kind, path, size, mtime)
       SELECT '00000000-0000-4000-8000-000000000002', 'new', 'X/' || i, i, now() FROM generate_series(1, $1::int) i`,
      [FILES],
    );
    expect(await repo.diffScan(ds.manager, SCAN, 'media', '')).toEqual({
      new: FILES / 100,
      changed: FILES / 100,
      vanished: FILES / 100,
    });
    someIds = (await ds.query(`SELECT id FROM nas.video_files ORDER BY path LIMIT 1000`)).map((r: any) => r.id);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await world?.cleanUp();
  });

  it('recognises the plan that made the 1 % churn scan take 301 s', () => {
    // EXPLAIN (FORMAT JSON) of the old "new entries" anti-join on Postgres 15, scan_entries analyzed and
    // video_files not (commit c5a0ff1): every entry compared with a Materialize of the root's files.
    const old: PlanNode = {
      'Node Type': 'Limit',
      Plans: [
        {
          'Node Type': 'Nested Loop',
          'Parent Relationship': 'Outer',
          Plans: [
            { 'Node Type': 'Index Scan', 'Parent Relationship': 'Outer', 'Relation Name': 'scan_entries' },
            {
              'Node Type': 'Materialize',
              'Parent Relationship': 'Inner',
              Plans: [
                { 'Node Type': 'Bitmap Heap Scan', 'Parent Relationship': 'Outer', 'Relation Name': 'video_files' },
              ],
            },
          ],
        },
      ],
    };
    expect(linearityProblems(old, { perPage: false })).toEqual([
      'Nested Loop over a Materialize of video_files',
      'Nested Loop over a Bitmap Heap Scan of video_files',
    ]);
  });

  /** Planner statistics for exactly these tables; the others as never analyzed (superuser, test database only). */
  async function statisticsOf(analyzed: string[]): Promise<void> {
    for (const t of BIG_TABLES) {
      if (analyzed.includes(t)) {
        await ds.query(`ANALYZE nas.${t}`);
        continue;
      }
      await ds.query(`DELETE FROM pg_statistic WHERE starelid = $1::regclass`, [`nas.${t}`]);
      await ds.query(`UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE oid = $1::regclass`, [`nas.${t}`]);
    }
    const rows: { tablename: string }[] = await ds.query(
      `SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'nas' AND tablename = ANY($1) ORDER BY 1`,
      [[...BIG_TABLES]],
    );
    expect(rows.map((r) => r.tablename)).toEqual([...analyzed].sort());
  }

  it.each([
    ['no statistics at all', []],
    ['statistics of video_files only (what a scan that rewrote much leaves)', ['video_files']],
    ['statistics of scan_entries only (commit c5a0ff1)', ['scan_entries']],
    ['statistics of every table', ['scan_diff', 'scan_entries', 'video_files']],
  ])('plans every scan statement linearly with %s', async (_label, analyzed) => {
    await statisticsOf(analyzed);
    const statements = await scanStatements();
    const problems = statements.flatMap((s) =>
      linearityProblems(s.plan, { perPage: s.perPage }).map((p) => `${s.name}: ${p}`),
    );
    expect(problems).toEqual([]);
    // The diff is a FULL JOIN, which Postgres can only run as a hash or merge join, never as a nested loop.
    for (const s of statements.filter((x) => x.name.startsWith('diffScan'))) {
      const full = [...nodes(s.plan)].filter((x) => x['Join Type'] === 'Full').map((x) => x['Node Type']);
      expect(full).toEqual([expect.stringMatching(/^(Hash|Merge) Join$/)]);
    }
  });

  it('sorted 100,000 entries against 100,000 files into new, changed and vanished in one statement', async () => {
    const changed = await repo.diffPage(ds.manager, SCAN, 'changed', '', 3);
    expect(changed).toHaveLength(3);
    for (const row of changed) {
      expect(row.size - (row.prev_size ?? 0)).toBe(1000);
      expect(row.file_id).toEqual(expect.any(String));
    }
    const vanished = await repo.diffPage(ds.manager, SCAN, 'vanished', '', FILES);
    expect(vanished).toHaveLength(FILES / 100);
    expect(vanished.every((r) => /\/file_\d*00\.mp4$/.test(r.path))).toBe(true);
    await repo.dropScan(ds.manager, SCAN);
    expect(await ds.query(`SELECT 1 FROM nas.scan_diff WHERE scan_id = $1 LIMIT 1`, [SCAN])).toEqual([]);
  });
});
