import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';
import { pathKey } from '../match/location';
import type { MediaInfo } from '../probe/media-info';

/** How a file is recognised after a move (inode, stats and name, content): what move pairing needs, nothing more. */
export interface FileIdentity {
  id: string;
  root: string;
  path: string;
  size: number;
  mtime: Date;
  inode: string | null;
  device: string | null;
  content_hash: string | null;
}

export interface InventoryFile extends FileIdentity {
  status: 'present' | 'missing';
  parsed: ParsedMetadata | null;
  /** What ffprobe found, once probed (see probe/media-info.ts). */
  media?: MediaInfo | null;
}

export interface ScanEntry {
  path: string;
  size: number;
  mtime: Date;
  inode: string | null;
  device: string | null;
}

/** What the walk saw; an unstable file (still being written) counts as present but is not ingested yet. */
export interface SeenEntry extends ScanEntry {
  stable: boolean;
}

export interface NewFile extends ScanEntry {
  content_hash: string | null;
  parsed: ParsedMetadata;
  parser_version: number;
}

export type DiffKind = 'new' | 'changed' | 'vanished';

export type ScanDiffCounts = Record<DiffKind, number>;

/**
 * One row of a scan's diff. `path`…`device` are what the scan saw (for
 * `vanished`: what the inventory has); `file_id`, `prev_*` and `content_hash`
 * are the inventory row at that path (for `new`: a missing row there, if any).
 */
export interface DiffRow extends ScanEntry {
  file_id: string | null;
  prev_size: number | null;
  prev_mtime: Date | null;
  content_hash: string | null;
}

const FILE_COLUMNS = `id, root, path, size::float8 AS size, mtime, inode, device, content_hash, status, parsed, media`;
const IDENTITY_COLUMNS = `f.id, f.root, f.path, f.size::float8 AS size, f.mtime, f.inode, f.device, f.content_hash`;
/**
 * Rows written by primary key per statement. The planner knows without
 * statistics that each key is one row (unique index), and the table's size
 * from its pages, so it probes the index unless reading the whole table is
 * cheaper; with a thousand keys it already prefers to read 100,000 rows
 * (2× slower here), with a few hundred it probes.
 */
const KEYED_WRITE_CHUNK = 250;
/** Missing files returned per content key: enough for a few copies of the same recording. */
const MISSING_PER_KEY = 8;

const toFile = (row: InventoryFile): InventoryFile => ({ ...row, size: Number(row.size) });
const toIdentity = (row: FileIdentity): FileIdentity => ({ ...row, size: Number(row.size) });

/** A scanned file as stored under `root` (id and media come from the row). */
function storedFile(root: string, f: NewFile): InventoryFile {
  const { path, size, mtime, inode, device, content_hash, parsed } = f;
  return { id: '', root, path, size, mtime, inode, device, content_hash, status: 'present', parsed, media: null };
}

/** Parameters $2…$12 of the multi-row writes: one array per column, in the order the SQL unnests them. */
function fileColumns(files: readonly NewFile[]): unknown[] {
  return [
    files.map((f) => f.path),
    files.map((f) => pathKey(f.path)),
    files.map((f) => pathKey(baseName(f.path))),
    files.map((f) => f.size),
    files.map((f) => f.mtime.toISOString()),
    files.map((f) => f.inode),
    files.map((f) => f.device),
    files.map((f) => f.content_hash),
    files.map((f) => JSON.stringify(f.parsed)),
    files.map((f) => f.parser_version),
    files.map((f) => f.parsed.project === null),
  ];
}

/** All SQL of block A's inventory (`nas.roots`, `nas.video_files`, `nas.scan_entries`). */
@Injectable()
export class InventoryRepository {
  async upsertRoot(m: EntityManager, name: string, path: string): Promise<void> {
    await m.query(
      `INSERT INTO nas.roots (name, path) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET path = EXCLUDED.path`,
      [name, path],
    );
  }

  /** Takes the root's scan lease; false while another scan (any replica) holds it. */
  async takeScanLease(m: EntityManager, root: string, seconds: number): Promise<boolean> {
    const rows = await updateReturning(
      m,
      `UPDATE nas.roots SET scan_lease_until = now() + make_interval(secs => $2)
       WHERE name = $1 AND (scan_lease_until IS NULL OR scan_lease_until < now()) RETURNING 1`,
      [root, seconds],
    );
    return rows.length === 1;
  }

  async finishRootScan(
    m: EntityManager,
    root: string,
    status: 'online' | 'offline',
    error: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE nas.roots SET status = $2, last_error = $3, scan_lease_until = NULL,
         last_scan_at = CASE WHEN $2 = 'online' THEN now() ELSE last_scan_at END
       WHERE name = $1`,
      [root, status, error],
    );
  }

  async addScanEntries(m: EntityManager, scanId: string, entries: readonly SeenEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await m.query(
      `INSERT INTO nas.scan_entries (scan_id, path, size, mtime, inode, device, stable)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::boolean[])
       ON CONFLICT DO NOTHING`,
      [
        scanId,
        entries.map((e) => e.path),
        entries.map((e) => e.size),
        entries.map((e) => e.mtime.toISOString()),
        entries.map((e) => e.inode),
        entries.map((e) => e.device),
        entries.map((e) => e.stable),
      ],
    );
  }

  /** Whether any file is missing (a partial index answers it): only then are moves looked up among them. */
  async hasMissingFiles(m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM nas.video_files WHERE status = 'missing' LIMIT 1`);
    return rows.length > 0;
  }

  async dropScan(m: EntityManager, scanId: string): Promise<void> {
    await m.query(`DELETE FROM nas.scan_entries WHERE scan_id = $1`, [scanId]);
    await m.query(`DELETE FROM nas.scan_diff WHERE scan_id = $1`, [scanId]);
  }

  /**
   * The transient tables lose a scan's worth of rows after every scan; with
   * autovacuum off (or behind) they would grow by that much each time, and
   * every later scan would read the dead rows. Outside any transaction.
   */
  async vacuumScanTables(m: EntityManager): Promise<void> {
    await m.query(`VACUUM nas.scan_entries, nas.scan_diff`);
  }

  /**
   * Fresh planner statistics after a scan that rewrote much of the
   * inventory, for the lookups outside the scan (match_file_path). The scan's
   * own queries do not need them: their plans are the same either way.
   */
  async analyzeInventory(m: EntityManager): Promise<void> {
    await m.query(`ANALYZE nas.video_files`);
  }

  async unmatchedCount(m: EntityManager): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM nas.video_files WHERE status = 'present' AND unmatched`,
    );
    return row.n;
  }

  async presentTotal(m: EntityManager): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM nas.video_files WHERE status = 'present'`);
    return row.n;
  }

  async presentCount(m: EntityManager, root: string, folder: string): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM nas.video_files WHERE root = $1 AND status = 'present' AND ${inFolder('path', 2)}`,
      [root, folder],
    );
    return row.n;
  }

  /**
   * The scan's diff, in one statement: what the scan saw (stable entries)
   * against the root's inventory under the scanned folder, sorted into
   * `new` (no present row at that path), `changed` (size or time differ) and
   * `vanished` (a present row the scan did not see), stored in
   * `nas.scan_diff`. A FULL JOIN cannot be planned as a nested loop in
   * Postgres — only as a hash or merge join — so this stays linear whatever
   * the statistics say (none at all right after a bulk load with autovacuum
   * off, where the anti-joins it replaces compared every entry with every file).
   */
  async diffScan(m: EntityManager, scanId: string, root: string, folder: string): Promise<ScanDiffCounts> {
    const rows: { kind: DiffKind; n: number }[] = await m.query(
      `WITH stored AS (
         INSERT INTO nas.scan_diff
           (scan_id, kind, path, size, mtime, inode, device, file_id, prev_size, prev_mtime, content_hash)
         SELECT $1, d.kind, d.path, d.size, d.mtime, d.inode, d.device, d.file_id, d.prev_size, d.prev_mtime, d.content_hash
         FROM (
           SELECT CASE
                    WHEN e.path IS NULL THEN CASE WHEN f.status = 'present' THEN 'vanished' END
                    WHEN NOT e.stable THEN NULL
                    WHEN f.path IS NULL OR f.status <> 'present' THEN 'new'
                    WHEN f.size <> e.size OR f.mtime <> e.mtime THEN 'changed'
                  END AS kind,
                  COALESCE(e.path, f.path) AS path, COALESCE(e.size, f.size) AS size,
                  COALESCE(e.mtime, f.mtime) AS mtime,
                  CASE WHEN e.path IS NULL THEN f.inode ELSE e.inode END AS inode,
                  CASE WHEN e.path IS NULL THEN f.device ELSE e.device END AS device,
                  f.id AS file_id, f.size AS prev_size, f.mtime AS prev_mtime, f.content_hash
           FROM (SELECT path, size, mtime, inode, device, stable FROM nas.scan_entries WHERE scan_id = $1) e
           FULL JOIN (
             SELECT id, path, size, mtime, inode, device, content_hash, status FROM nas.video_files f
             WHERE f.root = $2 AND ${inFolder('f.path', 3)}
           ) f ON f.path = e.path
         ) d
         WHERE d.kind IS NOT NULL
         RETURNING kind
       )
       SELECT kind, count(*)::int AS n FROM stored GROUP BY kind`,
      [scanId, root, folder],
    );
    const counts: ScanDiffCounts = { new: 0, changed: 0, vanished: 0 };
    for (const r of rows) counts[r.kind] = r.n;
    return counts;
  }

  /** One page of one kind of the diff, in path order (a range of its primary key). */
  async diffPage(
    m: EntityManager,
    scanId: string,
    kind: DiffKind,
    afterPath: string,
    limit: number,
  ): Promise<DiffRow[]> {
    const rows: (DiffRow & { size: string; prev_size: string | null })[] = await m.query(
      `SELECT path, size, mtime, inode, device, file_id, prev_size, prev_mtime, content_hash FROM nas.scan_diff
       WHERE scan_id = $1 AND kind = $2 AND path > $3 ORDER BY path LIMIT $4`,
      [scanId, kind, afterPath, limit],
    );
    return rows.map((r) => ({
      ...r,
      size: Number(r.size),
      prev_size: r.prev_size === null ? null : Number(r.prev_size),
    }));
  }

  /**
   * Missing files (gone in an earlier scan) with any of these sizes and
   * content hashes, a few per key: the sources of moves noticed late. Each
   * key probes the partial index on its own (LATERAL), whatever the planner
   * thinks of the table's size.
   */
  async missingByContent(
    m: EntityManager,
    keys: readonly { size: number; contentHash: string }[],
  ): Promise<FileIdentity[]> {
    if (keys.length === 0) return [];
    const rows: FileIdentity[] = await m.query(
      `SELECT f.* FROM unnest($1::bigint[], $2::text[]) AS k(size, content_hash)
       CROSS JOIN LATERAL (
         SELECT ${IDENTITY_COLUMNS} FROM nas.video_files f
         WHERE f.status = 'missing' AND f.size = k.size AND f.content_hash = k.content_hash
         ORDER BY f.missing_since, f.id LIMIT ${MISSING_PER_KEY}
       ) f`,
      [keys.map((k) => k.size), keys.map((k) => k.contentHash)],
    );
    return rows.map(toIdentity);
  }

  /**
   * New (or changed, or back from missing) files in one multi-row upsert;
   * answers each stored file by path. What the scan computed (parsed
   * metadata, hash) is not read back, only the row's id and its media.
   */
  async upsertMany(m: EntityManager, root: string, files: readonly NewFile[]): Promise<InventoryFile[]> {
    if (files.length === 0) return [];
    const rows: { id: string; path: string; media: MediaInfo | null }[] = await m.query(
      `INSERT INTO nas.video_files
         (root, path, path_lower, name_lower, size, mtime, inode, device, content_hash, parsed, parser_version, unmatched)
       SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::text[],
                                $8::text[], $9::text[], $10::jsonb[], $11::int[], $12::boolean[]) AS u
       ON CONFLICT (root, path) DO UPDATE SET
         size = EXCLUDED.size, mtime = EXCLUDED.mtime, inode = EXCLUDED.inode, device = EXCLUDED.device,
         content_hash = EXCLUDED.content_hash, parsed = EXCLUDED.parsed, parser_version = EXCLUDED.parser_version,
         unmatched = EXCLUDED.unmatched, status = 'present', missing_since = NULL, updated_at = now()
       RETURNING id, path, media`,
      [root, ...fileColumns(files)],
    );
    const byPath = new Map(rows.map((r) => [r.path, r]));
    return files.map((f) => {
      const row = byPath.get(f.path);
      if (!row) throw new Error(`upsert of ${root}/${f.path} returned no row`);
      return { ...storedFile(root, f), id: row.id, media: row.media, content_hash: f.content_hash };
    });
  }

  /**
   * Moves and renames, a few hundred per UPDATE: each row gets its new path,
   * so its id (and everything keyed on it) survives.
   */
  async moveMany(
    m: EntityManager,
    root: string,
    moves: readonly { id: string; file: NewFile }[],
  ): Promise<InventoryFile[]> {
    const rows: { id: string; content_hash: string | null; media: MediaInfo | null }[] = [];
    for (const chunk of keyedChunks(moves)) {
      const files = chunk.map((x) => x.file);
      rows.push(
        ...(await updateReturning<{ id: string; content_hash: string | null; media: MediaInfo | null }>(
          m,
          `UPDATE nas.video_files f SET root = $1, path = u.path, path_lower = u.path_lower, name_lower = u.name_lower,
             size = u.size, mtime = u.mtime, inode = u.inode, device = u.device,
             content_hash = COALESCE(u.content_hash, f.content_hash), parsed = u.parsed,
             parser_version = u.parser_version, unmatched = u.unmatched, status = 'present', missing_since = NULL,
             updated_at = now()
           FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::text[], $8::text[],
                       $9::text[], $10::jsonb[], $11::int[], $12::boolean[], $13::uuid[])
                AS u(path, path_lower, name_lower, size, mtime, inode, device, content_hash, parsed, parser_version,
                     unmatched, id)
           WHERE f.id = u.id
           RETURNING f.id, f.content_hash, f.media`,
          [root, ...fileColumns(files), chunk.map((x) => x.id)],
        )),
      );
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    return moves.map(({ id, file }) => {
      const row = byId.get(id);
      if (!row) throw new Error(`file ${id} to move to ${root}/${file.path} is gone`);
      return { ...storedFile(root, file), id, media: row.media, content_hash: row.content_hash };
    });
  }

  async markMissing(m: EntityManager, ids: readonly string[]): Promise<Date> {
    let since: Date | undefined;
    for (const chunk of keyedChunks(ids)) {
      const [row] = await updateReturning<{ missing_since: Date }>(
        m,
        `UPDATE nas.video_files SET status = 'missing', missing_since = now(), updated_at = now()
         WHERE id = ANY($1::uuid[]) RETURNING missing_since`,
        [chunk],
      );
      since ??= row?.missing_since;
    }
    return since ?? new Date();
  }

  /**
   * The present file a sheet means: exact path, then the same path ignoring
   * case and Unicode form, then (editors often leave it off) the path plus
   * any extension, then a file name that is unique under the root.
   */
  async findForMatch(
    m: EntityManager,
    keys: { root: string; path: string; pathKey: string; fileNameKey: string; hasVideoExtension: boolean },
  ): Promise<InventoryFile | 'ambiguous' | null> {
    const attempts: [string, unknown[]][] = [
      [`root = $1 AND path = $2`, [keys.root, keys.path]],
      [`root = $1 AND path_lower = $2`, [keys.root, keys.pathKey]],
    ];
    if (!keys.hasVideoExtension)
      attempts.push([`root = $1 AND left(path_lower, length($2) + 1) = $2 || '.'`, [keys.root, keys.pathKey]]);
    attempts.push([`root = $1 AND name_lower = $2`, [keys.root, keys.fileNameKey]]);
    for (const [where, params] of attempts) {
      const rows: InventoryFile[] = await m.query(
        `SELECT ${FILE_COLUMNS} FROM nas.video_files WHERE status = 'present' AND ${where} LIMIT 2`,
        params,
      );
      const [only, second] = rows;
      if (only && !second) return toFile(only);
      if (second) return 'ambiguous';
    }
    return null;
  }

  /**
   * Present files whose probe never finished (the app stopped first) or that
   * changed since: a page after `afterId`, in id order.
   */
  async needingProbe(
    m: EntityManager,
    afterId: string,
    limit: number,
  ): Promise<{ id: string; root: string; path: string }[]> {
    return m.query(
      `SELECT id, root, path FROM nas.video_files
        WHERE status = 'present' AND (probed_at IS NULL OR probed_at < mtime) AND id > $1
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Stores a probe's outcome; answers the file as it now is (null if it is gone). */
  async setMedia(
    m: EntityManager,
    id: string,
    media: MediaInfo | null,
    error: string | null,
  ): Promise<InventoryFile | null> {
    const rows = await updateReturning<InventoryFile>(
      m,
      `UPDATE nas.video_files SET media = $2, probe_error = $3, probed_at = now() WHERE id = $1 RETURNING ${FILE_COLUMNS}`,
      [id, media === null ? null : JSON.stringify(media), error],
    );
    return rows[0] ? toFile(rows[0]) : null;
  }

  /** Files parsed by an older parser, for re-parsing: a page after `afterId` in id order (a range of the key). */
  async parsedBefore(m: EntityManager, version: number, afterId: string, limit: number): Promise<InventoryFile[]> {
    const rows: InventoryFile[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM nas.video_files WHERE parser_version <> $1 AND id > $2 ORDER BY id LIMIT $3`,
      [version, afterId, limit],
    );
    return rows.map(toFile);
  }

  /** New parsed metadata for many files, a few hundred per UPDATE. */
  async setParsedMany(
    m: EntityManager,
    files: readonly { id: string; parsed: ParsedMetadata }[],
    version: number,
  ): Promise<void> {
    for (const chunk of keyedChunks(files))
      await m.query(
        `UPDATE nas.video_files f SET parsed = u.parsed, parser_version = $1, unmatched = u.unmatched, updated_at = now()
         FROM unnest($2::uuid[], $3::jsonb[], $4::boolean[]) AS u(id, parsed, unmatched)
         WHERE f.id = u.id`,
        [
          version,
          chunk.map((f) => f.id),
          chunk.map((f) => JSON.stringify(f.parsed)),
          chunk.map((f) => f.parsed.project === null),
        ],
      );
  }
}

function keyedChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += KEYED_WRITE_CHUNK) chunks.push(items.slice(i, i + KEYED_WRITE_CHUNK));
  return chunks;
}

/** TypeORM answers UPDATE … RETURNING with `[rows, count]`, unlike INSERT and SELECT. */
async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await m.query(sql, params)) as [T[], number];
  return rows;
}

export function baseName(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

/** SQL: `column` lies under the folder in parameter $n ('' = the whole root). */
function inFolder(column: string, n: number): string {
  return `($${n} = '' OR ${column} = $${n} OR left(${column}, length($${n}) + 1) = $${n} || '/')`;
}
