import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { EventPayloadInput, EventType, ParsedMetadata, VideoFile } from '@pokervod/contracts';
import { mediaSummaryOf } from '../probe/media-info';
import { partialContentHash } from './fingerprint';
import { InventoryFile, InventoryRepository, NewFile, ScanEntry, SeenEntry, baseName } from './inventory.repository';
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

/** Writes an event to the outbox inside the given transaction. */
export type EmitIn = <T extends EventType>(
  m: EntityManager,
  type: T,
  payload: EventPayloadInput<T>,
) => Promise<unknown>;

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
const INGEST_BATCH = 200;

/**
 * One scan of one root (or one folder of it): streams what the walk sees into
 * `nas.scan_entries`, lets Postgres tell new, changed and vanished files
 * apart, pairs vanished with new ones into moves (same inode, or same size,
 * mtime and name stem, or same size and partial content hash), and commits
 * each batch together with its `nas.file.*` events. Unchanged files are not
 * written at all. A root that cannot be read, or is suddenly empty, is
 * marked offline and its files are left alone.
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
    await ingestChanged(deps, root, scanId, result);
    const vanished = new VanishedFiles(await repo.vanished(ds.manager, scanId, root.name, folder));
    await ingestNew(deps, root, scanId, vanished, result);
    await removeVanished(deps, vanished, result);
    await repo.finishRootScan(ds.manager, root.name, 'online', null);
    return result;
  } finally {
    await repo.dropScanEntries(ds.manager, scanId);
  }
}

async function streamEntries(deps: ScanDeps, root: RootSpec, folder: string, scanId: string, result: RootScanResult) {
  const counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 };
  const stableBefore = Date.now() - deps.settings.stableSeconds * 1000;
  let batch: SeenEntry[] = [];
  const flush = async () => {
    await deps.repository.addScanEntries(deps.dataSource.manager, scanId, batch);
    batch = [];
    deps.progress?.(result.seen);
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
}

async function ingestChanged(deps: ScanDeps, root: RootSpec, scanId: string, result: RootScanResult) {
  const changed = await deps.repository.changedEntries(deps.dataSource.manager, scanId, root.name);
  for (let i = 0; i < changed.length; i += INGEST_BATCH) {
    const batch = changed.slice(i, i + INGEST_BATCH);
    const prepared = await Promise.all(
      batch.map(async ({ file, entry }) => ({ file, next: await prepare(deps, root, entry) })),
    );
    await deps.dataSource.transaction(async (m) => {
      for (const { file, next } of prepared) {
        if (file.size === next.size && file.content_hash !== null && file.content_hash === next.content_hash) {
          // Only the time moved (NAS clock skew, a touch, a re-copy of the same bytes): not a change.
          await deps.repository.insert(m, root.name, next);
          result.unchangedContent++;
          continue;
        }
        const saved = await deps.repository.insert(m, root.name, next);
        await deps.emit(m, EventType.NAS_FILE_CHANGED, {
          file: toVideoFile(saved),
          previous: { size: file.size, mtime: file.mtime.toISOString() },
        });
        result.touched.push({ id: saved.id, path: saved.path });
        result.changed++;
      }
    });
  }
}

async function ingestNew(
  deps: ScanDeps,
  root: RootSpec,
  scanId: string,
  vanished: VanishedFiles,
  result: RootScanResult,
) {
  const m0 = deps.dataSource.manager;
  // Looking each new file up among earlier-missing ones is a round trip per file: only when there are any.
  const anyMissing = await deps.repository.hasMissingFiles(m0);
  for (let after = ''; ;) {
    const entries = await deps.repository.newEntries(m0, scanId, root.name, after, INGEST_BATCH);
    if (entries.length === 0) return;
    after = entries[entries.length - 1]?.path ?? after;
    const decided: { next: NewFile; source: InventoryFile | undefined }[] = [];
    for (const entry of entries) {
      // Cheap identities first: no need to read content for a file that kept its inode or stats.
      let source = vanished.byInode(entry) ?? vanished.byStatsAndStem(entry);
      const next = await prepare(deps, root, entry, source?.content_hash ?? undefined);
      if (!source && next.content_hash) {
        source =
          vanished.byContent(entry.size, next.content_hash) ??
          (anyMissing ? await deps.repository.findMissingByContent(m0, entry.size, next.content_hash) : null) ??
          undefined;
      }
      if (source) vanished.take(source);
      decided.push({ next, source });
    }
    await deps.dataSource.transaction(async (m) => {
      for (const { next, source } of decided) {
        if (source) {
          const saved = await deps.repository.move(m, source.id, next);
          await deps.emit(m, EventType.NAS_FILE_MOVED, {
            file: toVideoFile(saved),
            from: { root: source.root, path: source.path },
          });
          result.moved++;
          result.touched.push({ id: saved.id, path: saved.path });
        } else {
          const saved = await deps.repository.insert(m, root.name, next);
          await deps.emit(m, EventType.NAS_FILE_ADDED, { file: toVideoFile(saved) });
          result.added++;
          result.touched.push({ id: saved.id, path: saved.path });
        }
      }
    });
  }
}

async function removeVanished(deps: ScanDeps, vanished: VanishedFiles, result: RootScanResult) {
  const gone = vanished.remaining();
  for (let i = 0; i < gone.length; i += INGEST_BATCH) {
    const batch = gone.slice(i, i + INGEST_BATCH);
    await deps.dataSource.transaction(async (m) => {
      const since = await deps.repository.markMissing(
        m,
        batch.map((f) => f.id),
      );
      for (const f of batch) {
        await deps.emit(m, EventType.NAS_FILE_REMOVED, {
          file_id: f.id,
          root: f.root,
          path: f.path,
          missing_since: new Date(since).toISOString(),
        });
      }
    });
    result.removed += batch.length;
  }
}

async function prepare(deps: ScanDeps, root: RootSpec, entry: ScanEntry, knownHash?: string): Promise<NewFile> {
  let content_hash: string | null = knownHash ?? null;
  if (!content_hash) {
    try {
      content_hash = await partialContentHash(
        path.join(root.path, entry.path),
        entry.size,
        deps.settings.hashWindowBytes,
      );
    } catch {
      content_hash = null; // unreadable or gone since the walk: still inventoried, just without a fingerprint
    }
  }
  return { ...entry, content_hash, parsed: deps.parse(entry.path), parser_version: deps.parserVersion };
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
  private readonly left = new Set<InventoryFile>();
  private readonly index = new Map<string, InventoryFile[]>();

  constructor(files: InventoryFile[]) {
    for (const f of files) {
      this.left.add(f);
      if (f.inode) this.add(`i:${f.device}:${f.inode}:${f.size}`, f);
      this.add(`s:${f.size}:${new Date(f.mtime).getTime()}:${stem(f.path)}`, f);
      if (f.content_hash) this.add(`c:${f.size}:${f.content_hash}`, f);
    }
  }

  byInode(e: ScanEntry): InventoryFile | undefined {
    return e.inode ? this.first(`i:${e.device}:${e.inode}:${e.size}`) : undefined;
  }

  byStatsAndStem(e: ScanEntry): InventoryFile | undefined {
    return this.first(`s:${e.size}:${e.mtime.getTime()}:${stem(e.path)}`);
  }

  byContent(size: number, hash: string): InventoryFile | undefined {
    return this.first(`c:${size}:${hash}`);
  }

  take(f: InventoryFile): void {
    this.left.delete(f);
  }

  remaining(): InventoryFile[] {
    return [...this.left];
  }

  private add(key: string, f: InventoryFile): void {
    const list = this.index.get(key);
    if (list) list.push(f);
    else this.index.set(key, [f]);
  }

  private first(key: string): InventoryFile | undefined {
    return this.index.get(key)?.find((f) => this.left.has(f));
  }
}
