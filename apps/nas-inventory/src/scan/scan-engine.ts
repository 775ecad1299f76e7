import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { EventPayloadInput, EventType, ParsedMetadata, VideoFile } from '@pokervod/contracts';
import { mediaSummaryOf } from '../probe/media-info';
import { partialContentHash } from './fingerprint';
import {
  DiffKind,
  DiffRow,
  FileIdentity,
  InventoryFile,
  InventoryRepository,
  NewFile,
  ScanEntry,
  SeenEntry,
  baseName,
} from '../inventory/inventory.repository';
import { WalkCounters, WalkProblem, walk } from './walk';

export interface ScanSettings {
  extensions: ReadonlySet<string>;
  ignoreGlobs: readonly string[];
  concurrency: number;
  /** A file modified less than this long ago may still be copying: seen, but not ingested yet. */
  stableSeconds: number;
  hashWindowBytes: number;
}

export interface RootSpec {
  name: string;
  path: string;
}

export interface RootScanResult {
  root: string;
  offline: boolean;
  reason: string | null;
  seen: number;
  added: number;
  changed: number;
  moved: number;
  removed: number;
  unstable: number;
  /** Files whose time changed but whose size and content did not. */
  unchangedContent: number;
  problems: WalkProblem[];
  /** Files to probe for media (new, changed or moved). */
  touched: { id: string; path: string }[];
}

/** An event for the outbox: its type and payload. */
export type ScanEvent = { [T in EventType]: { type: T; payload: EventPayloadInput<T> } }[EventType];

/** Writes events to the outbox inside the given transaction (one batch per page of files). */
export type EmitIn = (m: EntityManager, events: readonly ScanEvent[]) => Promise<unknown>;

export interface ScanDeps {
  dataSource: DataSource;
  repository: InventoryRepository;
  settings: ScanSettings;
  parse: (relativePath: string) => ParsedMetadata;
  parserVersion: number;
  emit: EmitIn;
  progress?: (seen: number) => void;
}

const ENTRY_BATCH = 1000;
/** Below every uuid: where paging by id starts. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/**
 * Files per page of the diff: one upsert, one outbox batch and one commit
 * each. Two pages are in memory at once (one written, one prepared).
 */
export const SCAN_PAGE = 500;
/** Files fingerprinted at once (reads run in libuv's thread pool; a NAS answers several at a time). */
const HASH_CONCURRENCY = 8;
/** A scan that rewrote more rows than this (and a tenth of what it saw) refreshes the inventory's statistics. */
const ANALYZE_AFTER_ROWS = 1000;
/** A scan that saw more files than this vacuums the transient tables after dropping its rows. */
const VACUUM_AFTER_ENTRIES = 10_000;

/**
 * One scan of one root (or one folder of it): streams what the walk sees into
 * `nas.scan_entries`, lets Postgres sort it against the inventory into new,
 * changed and vanished files in one statement (`nas.scan_diff`), pairs
 * vanished with new ones into moves (same inode, or same size, mtime and
 * name stem, or same size and partial content hash), and writes each page of
 * files with one multi-row statement per kind and one outbox batch, in one
 * transaction. Unchanged files are not written at all. A root that cannot be
 * read, or is suddenly empty, is marked offline and its files are left alone.
 */
export async function scanRoot(deps: ScanDeps, root: RootSpec, folder = ''): Promise<RootScanResult> {
  const { dataSource: ds, repository: repo } = deps;
  const result: RootScanResult = {
    root: root.name,
    offline: false,
    reason: null,
    seen: 0,
    added: 0,
    changed: 0,
    moved: 0,
    removed: 0,
    unstable: 0,
    unchangedContent: 0,
    problems: [],
    touched: [],
  };
  const offline = async (reason: string) => {
    await repo.finishRootScan(ds.manager, root.name, 'offline', reason);
    return { ...result, offline: true, reason };
  };

  try {
    if (!(await stat(path.join(root.path, folder))).isDirectory()) return offline(`${root.path} is not a folder`);
  } catch (error) {
    return offline(`${root.path} is unreachable: ${(error as Error).message}`);
  }

  const scanId = randomUUID();
  try {
    await streamEntries(deps, root, folder, scanId, result);
    if (result.seen === 0 && (await repo.presentCount(ds.manager, root.name, folder)) > 0) {
      return offline(`${root.path}${folder ? `/${folder}` : ''} is suddenly empty; treating it as unmounted`);
    }
    const diff = await repo.diffScan(ds.manager, scanId, root.name, folder);
    if (diff.changed > 0) await ingestChanged(deps, root, scanId, result);
    const vanished = new VanishedFiles(diff.vanished > 0 ? await allVanished(deps, scanId, root.name) : []);
    if (diff.new > 0) await ingestNew(deps, root, scanId, vanished, result);
    await removeVanished(deps, vanished, result);
    await repo.finishRootScan(ds.manager, root.name, 'online', null);
    const rewritten = result.added + result.changed + result.moved + result.removed + result.unchangedContent;
    // Housekeeping: the scan is done and committed whether or not these succeed.
    if (rewritten > ANALYZE_AFTER_ROWS && rewritten * 10 > result.seen)
      await repo.analyzeInventory(ds.manager).catch(() => undefined);
    return result;
  } finally {
    await repo.dropScan(ds.manager, scanId);
    if (result.seen > VACUUM_AFTER_ENTRIES) await repo.vacuumScanTables(ds.manager).catch(() => undefined);
  }
}

async function streamEntries(deps: ScanDeps, root: RootSpec, folder: string, scanId: string, result: RootScanResult) {
  const counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 };
  const stableBefore = Date.now() - deps.settings.stableSeconds * 1000;
  let batch: SeenEntry[] = [];
  // One insert in flight while the walk goes on: the walk and Postgres overlap, memory stays at two batches.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const entries = batch;
    batch = [];
    await inFlight;
    const seen = result.seen;
    inFlight = deps.repository
      .addScanEntries(deps.dataSource.manager, scanId, entries)
      .then(() => deps.progress?.(seen));
    inFlight.catch(() => undefined); // awaited by the next flush; the walk may fail first
  };
  const walking = walk(root.path, folder, deps.settings, counters);
  for await (const item of walking) {
    if (item.kind === 'problem') {
      result.problems.push(item);
      continue;
    }
    const stable = item.mtimeMs < stableBefore;
    if (!stable) result.unstable++;
    result.seen++;
    batch.push({
      path: item.path,
      size: item.size,
      mtime: new Date(item.mtimeMs),
      inode: item.ino,
      device: item.dev,
      stable,
    });
    if (batch.length >= ENTRY_BATCH) await flush();
  }
  await flush();
  await inFlight;
}

/**
 * Walks one kind of the diff page by page: the next page is read and
 * prepared (hashed, parsed) while the previous one is written, so Node's
 * work and Postgres' overlap. Pages are prepared strictly in order.
 */
async function eachPage<P>(
  deps: ScanDeps,
  scanId: string,
  kind: DiffKind,
  prepare: (rows: DiffRow[]) => Promise<P>,
  write: (prepared: P) => Promise<void>,
): Promise<void> {
  const m0 = deps.dataSource.manager;
  const load = async (after: string) => {
    const rows = await deps.repository.diffPage(m0, scanId, kind, after, SCAN_PAGE);
    const last = rows[rows.length - 1];
    return last ? { last: last.path, prepared: await prepare(rows) } : null;
  };
  let next: Promise<{ last: string; prepared: P } | null> | null = load('');
  while (next) {
    const page: { last: string; prepared: P } | null = await next;
    if (!page) return;
    next = load(page.last);
    next.catch(() => undefined); // awaited on the next turn; a failed write below must not leave it unhandled
    await write(page.prepared);
  }
}

/** A file of a page: what the scan saw, its fingerprint and, for a move, the file it was. */
interface Candidate {
  entry: DiffRow;
  hash: string | null;
  source?: FileIdentity;
}

async function ingestChanged(deps: ScanDeps, root: RootSpec, scanId: string, result: RootScanResult) {
  await eachPage(
    deps,
    scanId,
    'changed',
    async (rows) => {
      const page = await fingerprinted(
        deps,
        root,
        rows.map((entry) => ({ entry, hash: null })),
      );
      return page.map(({ entry, hash }) => ({ entry, next: prepared(deps, entry, hash) }));
    },
    async (page) =>
      deps.dataSource.transaction(async (m) => {
        const saved = await deps.repository.upsertMany(
          m,
          root.name,
          page.map((p) => p.next),
        );
        const events: ScanEvent[] = [];
        for (const [{ entry, next }, file] of pairs(page, saved)) {
          if (
            entry.prev_size === next.size &&
            entry.content_hash !== null &&
            entry.content_hash === next.content_hash
          ) {
            // Only the time moved (NAS clock skew, a touch, a re-copy of the same bytes): not a change.
            result.unchangedContent++;
            continue;
          }
          events.push({
            type: EventType.NAS_FILE_CHANGED,
            payload: {
              file: toVideoFile(file),
              previous: { size: entry.prev_size ?? 0, mtime: new Date(entry.prev_mtime ?? 0).toISOString() },
            },
          });
          result.touched.push({ id: file.id, path: file.path });
          result.changed++;
        }
        await deps.emit(m, events);
      }),
  );
}

async function allVanished(deps: ScanDeps, scanId: string, root: string): Promise<FileIdentity[]> {
  const files: FileIdentity[] = [];
  for (let after = ''; ;) {
    const rows = await deps.repository.diffPage(deps.dataSource.manager, scanId, 'vanished', after, SCAN_PAGE * 10);
    for (const { file_id, path: p, size, mtime, inode, device, content_hash } of rows)
      if (file_id) files.push({ id: file_id, root, path: p, size, mtime, inode, device, content_hash });
    const last = rows[rows.length - 1];
    if (!last) return files;
    after = last.path;
  }
}

async function ingestNew(
  deps: ScanDeps,
  root: RootSpec,
  scanId: string,
  vanished: VanishedFiles,
  result: RootScanResult,
) {
  // Moves whose source vanished in an earlier scan: looked up only when some file is missing at all.
  const anyMissing = await deps.repository.hasMissingFiles(deps.dataSource.manager);
  const claimed = new Set<string>(); // missing files paired with a new file by an earlier page
  const pairWithMissing = async (page: Candidate[]) => {
    const keys = page.flatMap((c) => (c.hash ? [{ size: c.entry.size, contentHash: c.hash }] : []));
    const missing = await deps.repository.missingByContent(deps.dataSource.manager, keys);
    for (const c of page) {
      c.source = missing.find((f) => f.size === c.entry.size && f.content_hash === c.hash && !claimed.has(f.id));
      if (c.source) claimed.add(c.source.id);
    }
  };
  await eachPage(
    deps,
    scanId,
    'new',
    async (rows) => {
      // Cheap identities first: no need to read content for a file that kept its inode or stats. A path
      // whose own row is missing keeps that row (it comes back), so it pairs with nothing else.
      const page: Candidate[] = rows.map((entry) => {
        const source = entry.file_id ? undefined : (vanished.byInode(entry) ?? vanished.byStatsAndStem(entry));
        if (source) vanished.take(source);
        return { entry, hash: source?.content_hash ?? null, source };
      });
      await fingerprinted(deps, root, page);
      const unpaired = page.filter((c) => !c.source && !c.entry.file_id && c.hash);
      for (const c of unpaired) {
        c.source = c.hash ? vanished.byContent(c.entry.size, c.hash) : undefined;
        if (c.source) vanished.take(c.source);
      }
      if (anyMissing) await pairWithMissing(unpaired.filter((c) => !c.source));
      return page.map((c) => ({ next: prepared(deps, c.entry, c.hash), source: c.source }));
    },
    async (page) =>
      deps.dataSource.transaction(async (m) => {
        const moves = page.flatMap((p) => (p.source ? [{ p, source: p.source }] : []));
        const adds = page.filter((p) => !p.source);
        const moved = await deps.repository.moveMany(
          m,
          root.name,
          moves.map(({ p, source }) => ({ id: source.id, file: p.next })),
        );
        const added = await deps.repository.upsertMany(
          m,
          root.name,
          adds.map((p) => p.next),
        );
        const stored = new Map([
          ...pairs(
            moves.map((x) => x.p),
            moved,
          ),
          ...pairs(adds, added),
        ]);
        const events: ScanEvent[] = [];
        for (const p of page) {
          const saved = stored.get(p);
          if (!saved) throw new Error(`${root.name}/${p.next.path} was not stored`);
          if (p.source) {
            events.push({
              type: EventType.NAS_FILE_MOVED,
              payload: { file: toVideoFile(saved), from: { root: p.source.root, path: p.source.path } },
            });
            result.moved++;
          } else {
            events.push({ type: EventType.NAS_FILE_ADDED, payload: { file: toVideoFile(saved) } });
            result.added++;
          }
          result.touched.push({ id: saved.id, path: saved.path });
        }
        await deps.emit(m, events);
      }),
  );
}

async function removeVanished(deps: ScanDeps, vanished: VanishedFiles, result: RootScanResult) {
  const gone = vanished.remaining();
  for (let i = 0; i < gone.length; i += SCAN_PAGE) {
    const batch = gone.slice(i, i + SCAN_PAGE);
    await deps.dataSource.transaction(async (m) => {
      const since = await deps.repository.markMissing(
        m,
        batch.map((f) => f.id),
      );
      await deps.emit(
        m,
        batch.map((f) => ({
          type: EventType.NAS_FILE_REMOVED,
          payload: {
            file_id: f.id,
            root: f.root,
            path: f.path,
            missing_since: new Date(since).toISOString(),
          },
        })),
      );
    });
    result.removed += batch.length;
  }
}

/**
 * Fills in the partial content hash of every file of a page that has none
 * yet (a move's source lends its own), a few files at a time.
 */
async function fingerprinted(deps: ScanDeps, root: RootSpec, page: Candidate[]): Promise<Candidate[]> {
  const todo = page.filter((c) => !c.hash);
  const worker = async () => {
    for (let c = todo.pop(); c; c = todo.pop()) {
      try {
        c.hash = await partialContentHash(
          path.join(root.path, c.entry.path),
          c.entry.size,
          deps.settings.hashWindowBytes,
        );
      } catch {
        c.hash = null; // unreadable or gone since the walk: still inventoried, just without a fingerprint
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, todo.length) }, worker));
  return page;
}

/** Each item with the row a multi-row statement stored for it (the repository answers in input order). */
function pairs<A, B>(items: readonly A[], stored: readonly B[]): [A, B][] {
  if (items.length !== stored.length) throw new Error(`stored ${stored.length} rows for ${items.length} files`);
  return items.map((item, i) => [item, stored[i] as B]);
}

function prepared(deps: ScanDeps, entry: ScanEntry, contentHash: string | null): NewFile {
  const { path: p, size, mtime, inode, device } = entry;
  return {
    path: p,
    size,
    mtime,
    inode,
    device,
    content_hash: contentHash,
    parsed: deps.parse(p),
    parser_version: deps.parserVersion,
  };
}

/**
 * Files read by an older parser are parsed again, so a better parser reaches
 * every file, not just new ones; present files announce their new metadata
 * with `nas.file.changed` (same size and time) for the catalog. A page of
 * files per transaction: one multi-row update, one outbox batch.
 */
export async function reparseOutdated(deps: ScanDeps): Promise<number> {
  let total = 0;
  for (let after = NIL_UUID; ;) {
    const outdated = await deps.repository.parsedBefore(deps.dataSource.manager, deps.parserVersion, after, SCAN_PAGE);
    const last = outdated[outdated.length - 1];
    if (!last) return total;
    after = last.id;
    const reparsed = outdated.map((file) => ({ ...file, parsed: deps.parse(file.path) }));
    await deps.dataSource.transaction(async (m) => {
      await deps.repository.setParsedMany(m, reparsed, deps.parserVersion);
      await deps.emit(
        m,
        reparsed
          .filter((file) => file.status === 'present')
          .map((file) => ({
            type: EventType.NAS_FILE_CHANGED,
            payload: {
              file: toVideoFile(file),
              previous: { size: file.size, mtime: new Date(file.mtime).toISOString() },
            },
          })),
      );
    });
    total += outdated.length;
  }
}

export function toVideoFile(f: InventoryFile): VideoFile {
  return {
    id: f.id,
    root: f.root,
    path: f.path,
    size: f.size,
    mtime: new Date(f.mtime).toISOString(),
    content_hash: f.content_hash,
    parsed: f.parsed,
    media: f.media ? mediaSummaryOf(f.media) : null,
  };
}

function stem(relPath: string): string {
  const name = baseName(relPath).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Files gone from where they were, indexed by each identity a move keeps,
 * so pairing thousands of vanished with thousands of new files stays linear.
 */
class VanishedFiles {
  private readonly left = new Set<FileIdentity>();
  private readonly index = new Map<string, FileIdentity[]>();

  constructor(files: FileIdentity[]) {
    for (const f of files) {
      this.left.add(f);
      if (f.inode) this.add(`i:${f.device}:${f.inode}:${f.size}`, f);
      this.add(`s:${f.size}:${new Date(f.mtime).getTime()}:${stem(f.path)}`, f);
      if (f.content_hash) this.add(`c:${f.size}:${f.content_hash}`, f);
    }
  }

  byInode(e: ScanEntry): FileIdentity | undefined {
    return e.inode ? this.first(`i:${e.device}:${e.inode}:${e.size}`) : undefined;
  }

  byStatsAndStem(e: ScanEntry): FileIdentity | undefined {
    return this.first(`s:${e.size}:${e.mtime.getTime()}:${stem(e.path)}`);
  }

  byContent(size: number, hash: string): FileIdentity | undefined {
    return this.first(`c:${size}:${hash}`);
  }

  take(f: FileIdentity): void {
    this.left.delete(f);
  }

  remaining(): FileIdentity[] {
    return [...this.left];
  }

  private add(key: string, f: FileIdentity): void {
    const list = this.index.get(key);
    if (list) list.push(f);
    else this.index.set(key, [f]);
  }

  private first(key: string): FileIdentity | undefined {
    return this.index.get(key)?.find((f) => this.left.has(f));
  }
}
