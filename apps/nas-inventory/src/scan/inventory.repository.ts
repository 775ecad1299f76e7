import type { EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';
import { pathKey } from '../match/location';
import type { MediaInfo } from '../probe/media-info';

export interface InventoryFile {
  id: string;
  root: string;
  path: string;
  size: number;
  mtime: Date;
  inode: string | null;
  device: string | null;
  content_hash: string | null;
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

const FILE_COLUMNS = `id, root, path, size::float8 AS size, mtime, inode, device, content_hash, status, parsed, media`;

const toFile = (row: InventoryFile): InventoryFile => ({ ...row, size: Number(row.size) });

/** All SQL of block A's inventory (`nas.roots`, `nas.video_files`, `nas.scan_entries`). */
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

  async hasMissingFiles(m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM nas.video_files WHERE status = 'missing' LIMIT 1`);
    return rows.length > 0;
  }

  async dropScanEntries(m: EntityManager, scanId: string): Promise<void> {
    await m.query(`DELETE FROM nas.scan_entries WHERE scan_id = $1`, [scanId]);
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

  /** Entries seen now that the inventory does not have as present: new, or back after going missing. */
  async newEntries(
    m: EntityManager,
    scanId: string,
    root: string,
    afterPath: string,
    limit: number,
  ): Promise<ScanEntry[]> {
    const rows: (ScanEntry & { size: string })[] = await m.query(
      `SELECT e.path, e.size, e.mtime, e.inode, e.device FROM nas.scan_entries e
       WHERE e.scan_id = $1 AND e.stable AND e.path > $3
         AND NOT EXISTS (SELECT 1 FROM nas.video_files f WHERE f.root = $2 AND f.path = e.path AND f.status = 'present')
       ORDER BY e.path LIMIT $4`,
      [scanId, root, afterPath, limit],
    );
    return rows.map((r) => ({ ...r, size: Number(r.size) }));
  }

  /** Present files whose size or modification time differ from what the scan saw. */
  async changedEntries(
    m: EntityManager,
    scanId: string,
    root: string,
  ): Promise<{ file: InventoryFile; entry: ScanEntry }[]> {
    const rows: (InventoryFile & { e_size: string; e_mtime: Date; e_inode: string | null; e_device: string | null })[] =
      await m.query(
        `SELECT f.id, f.root, f.path, f.size::float8 AS size, f.mtime, f.inode, f.device, f.content_hash, f.status, f.parsed,
                e.size AS e_size, e.mtime AS e_mtime, e.inode AS e_inode, e.device AS e_device
         FROM nas.scan_entries e JOIN nas.video_files f ON f.root = $2 AND f.path = e.path AND f.status = 'present'
         WHERE e.scan_id = $1 AND e.stable AND (f.size <> e.size OR f.mtime <> e.mtime)`,
        [scanId, root],
      );
    return rows.map((r) => ({
      file: toFile(r),
      entry: { path: r.path, size: Number(r.e_size), mtime: r.e_mtime, inode: r.e_inode, device: r.e_device },
    }));
  }

  /** Present files under the scanned folder that the scan did not see. */
  async vanished(m: EntityManager, scanId: string, root: string, folder: string): Promise<InventoryFile[]> {
    const rows: InventoryFile[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM nas.video_files f
       WHERE f.root = $2 AND f.status = 'present' AND ${inFolder('f.path', 3)}
         AND NOT EXISTS (SELECT 1 FROM nas.scan_entries e WHERE e.scan_id = $1 AND e.path = f.path)`,
      [scanId, root, folder],
    );
    return rows.map(toFile);
  }

  async insert(m: EntityManager, root: string, file: NewFile): Promise<InventoryFile> {
    const [row]: InventoryFile[] = await m.query(
      `INSERT INTO nas.video_files
         (root, path, path_lower, name_lower, size, mtime, inode, device, content_hash, parsed, parser_version, unmatched)
       VALUES ($1, $2, $12, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (root, path) DO UPDATE SET
         size = EXCLUDED.size, mtime = EXCLUDED.mtime, inode = EXCLUDED.inode, device = EXCLUDED.device,
         content_hash = EXCLUDED.content_hash, parsed = EXCLUDED.parsed, parser_version = EXCLUDED.parser_version,
         unmatched = EXCLUDED.unmatched, status = 'present', missing_since = NULL, updated_at = now()
       RETURNING ${FILE_COLUMNS}`,
      [
        root,
        file.path,
        pathKey(baseName(file.path)),
        file.size,
        file.mtime.toISOString(),
        file.inode,
        file.device,
        file.content_hash,
        JSON.stringify(file.parsed),
        file.parser_version,
        file.parsed.project === null,
        pathKey(file.path),
      ],
    );
    return toFile(row);
  }

  /** A move or rename: the same row gets its new path, so its id (and everything keyed on it) survives. */
  async move(m: EntityManager, id: string, file: NewFile): Promise<InventoryFile> {
    const [row] = await updateReturning<InventoryFile>(
      m,
      `UPDATE nas.video_files SET path = $2, path_lower = $12, name_lower = $3, size = $4, mtime = $5,
         inode = $6, device = $7, content_hash = COALESCE($8, content_hash), parsed = $9, parser_version = $10,
         unmatched = $11, status = 'present', missing_since = NULL, updated_at = now()
       WHERE id = $1 RETURNING ${FILE_COLUMNS}`,
      [
        id,
        file.path,
        pathKey(baseName(file.path)),
        file.size,
        file.mtime.toISOString(),
        file.inode,
        file.device,
        file.content_hash,
        JSON.stringify(file.parsed),
        file.parser_version,
        file.parsed.project === null,
        pathKey(file.path),
      ],
    );
    return toFile(row);
  }

  async markMissing(m: EntityManager, ids: readonly string[]): Promise<Date> {
    const [row] = await updateReturning<{ missing_since: Date }>(
      m,
      `UPDATE nas.video_files SET status = 'missing', missing_since = now(), updated_at = now()
       WHERE id = ANY($1::uuid[]) RETURNING missing_since`,
      [ids],
    );
    return row?.missing_since ?? new Date();
  }

  /** A missing file whose content matches, for a move whose source vanished in an earlier scan. */
  async findMissingByContent(m: EntityManager, size: number, contentHash: string): Promise<InventoryFile | null> {
    const rows: InventoryFile[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM nas.video_files WHERE status = 'missing' AND size = $1 AND content_hash = $2 LIMIT 1`,
      [size, contentHash],
    );
    return rows[0] ? toFile(rows[0]) : null;
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

  /** Files parsed by an older parser, for re-parsing. */
  async parsedBefore(m: EntityManager, version: number, limit: number): Promise<InventoryFile[]> {
    const rows: InventoryFile[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM nas.video_files WHERE parser_version <> $1 ORDER BY id LIMIT $2`,
      [version, limit],
    );
    return rows.map(toFile);
  }

  async setParsed(m: EntityManager, id: string, parsed: ParsedMetadata, version: number): Promise<void> {
    await m.query(
      `UPDATE nas.video_files SET parsed = $2, parser_version = $3, unmatched = $4, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(parsed), version, parsed.project === null],
    );
  }
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
