import { Dirent } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** A video file found under a root, path relative to the root with POSIX separators. */
export interface WalkedFile {
  kind: 'file';
  path: string;
  size: number;
  mtimeMs: number;
  ino: string;
  dev: string;
}

/** Something the walk could not read; reported, never fatal. */
export interface WalkProblem {
  kind: 'problem';
  path: string;
  error: string;
}

export type WalkItem = WalkedFile | WalkProblem;

export interface WalkOptions {
  /** Lower-case extensions without the dot. */
  extensions: ReadonlySet<string>;
  /** Extra globs to skip, matched against the relative path (e.g. `**\/proxy/**`). */
  ignoreGlobs?: readonly string[];
  /** Directories read at once; NAS shares like a few in flight. */
  concurrency?: number;
}

export interface WalkCounters {
  directories: number;
  skippedSymlinks: number;
  vanished: number;
}

/** NAS housekeeping that never holds videos anyone wants (Synology, QNAP, macOS, Windows). */
const IGNORED_NAMES = new Set([
  '@eaDir',
  '#recycle',
  '#snapshot',
  '.@__thumb',
  '@Recycle',
  '$RECYCLE.BIN',
  'System Volume Information',
  'Thumbs.db',
  'desktop.ini',
  'lost+found',
]);

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || IGNORED_NAMES.has(name);
}

/**
 * Walks `startRel` under `root` and yields video files as it reads them:
 * directory by directory, a few directories in flight, never the whole tree
 * in memory. Symlinks are not followed (they lead out of the root, or to
 * files the walk reaches anyway, or into loops). Unreadable folders and
 * files that vanish mid-walk are reported or counted, not fatal.
 */
export async function* walk(
  root: string,
  startRel: string,
  options: WalkOptions,
  counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 },
): AsyncGenerator<WalkItem> {
  const ignored = options.ignoreGlobs?.length ? picomatch([...options.ignoreGlobs], { dot: true }) : () => false;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pending: string[] = [startRel];
  const inFlight = new Map<Promise<DirectoryResult>, true>();

  while (pending.length > 0 || inFlight.size > 0) {
    while (pending.length > 0 && inFlight.size < concurrency) {
      const rel = pending.shift() as string;
      counters.directories++;
      const reading: Promise<DirectoryResult> = readDirectory(root, rel, options.extensions, ignored, counters).then(
        (result) => ({ ...result, self: reading }),
      );
      inFlight.set(reading, true);
    }
    const done = await Promise.race(inFlight.keys());
    inFlight.delete(done.self as Promise<DirectoryResult>);
    pending.push(...done.directories);
    yield* done.items;
  }
}

interface DirectoryResult {
  directories: string[];
  items: WalkItem[];
  self?: Promise<DirectoryResult>;
}

const STAT_BATCH = 64;

async function readDirectory(
  root: string,
  rel: string,
  extensions: ReadonlySet<string>,
  ignored: (p: string) => boolean,
  counters: WalkCounters,
): Promise<DirectoryResult> {
  const directories: string[] = [];
  const files: string[] = [];
  const items: WalkItem[] = [];
  try {
    const dir = await opendir(path.join(root, rel));
    for await (const entry of dir) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (isIgnoredName(entry.name) || ignored(childRel)) continue;
      if (entry.name.includes('\uFFFD')) {
        // The name's bytes are not UTF-8: it cannot be addressed as a string path.
        items.push({ kind: 'problem', path: childRel, error: 'file name is not valid UTF-8; rename it on the NAS' });
        continue;
      }
      const kind = await kindOf(entry, path.join(root, childRel));
      if (kind === 'symlink') counters.skippedSymlinks++;
      else if (kind === 'directory') directories.push(childRel);
      else if (kind === 'file' && extensions.has(extensionOf(entry.name))) files.push(childRel);
    }
  } catch (error) {
    items.push({ kind: 'problem', path: rel || '.', error: describe(error) });
  }
  for (let i = 0; i < files.length; i += STAT_BATCH) {
    const stats = await Promise.all(files.slice(i, i + STAT_BATCH).map((f) => statFile(root, f, counters)));
    for (const s of stats) if (s) items.push(s);
  }
  return { directories, items };
}

async function kindOf(entry: Dirent, abs: string): Promise<'file' | 'directory' | 'symlink' | 'other'> {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  // Some network filesystems do not report the type in directory listings.
  try {
    const s = await lstat(abs);
    if (s.isSymbolicLink()) return 'symlink';
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'other';
  }
}

async function statFile(root: string, rel: string, counters: WalkCounters): Promise<WalkItem | null> {
  try {
    const s = await lstat(path.join(root, rel), { bigint: true });
    return {
      kind: 'file',
      path: rel,
      size: Number(s.size),
      mtimeMs: Number(s.mtimeNs / 1_000_000n),
      ino: s.ino.toString(),
      dev: s.dev.toString(),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      counters.vanished++; // deleted between listing and stat: the next scan sees it gone
      return null;
    }
    return { kind: 'problem', path: rel, error: describe(error) };
  }
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : String(error);
}
