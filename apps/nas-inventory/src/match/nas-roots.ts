import * as path from 'node:path';
import { Location, controlCharProblem, isLocationError, parseLocation, pathKey, preview } from './location';

/** One configured NAS root: the inventory identifies files by (name, path relative to `path`). */
export interface NasRoot {
  /** Lower-case slug, unique among the roots. */
  readonly name: string;
  /** Absolute, normalized POSIX path without a trailing slash (never `/`). */
  readonly path: string;
}

/** An external spelling of a folder on the NAS (UNC share, smb:// URL, drive letter, mount point) → a root. */
export interface PathPrefix {
  /** The prefix as configured, for messages. */
  readonly prefix: string;
  /** Name of the root it maps to. */
  readonly root: string;
  /** Folder inside the root the prefix points at, POSIX, no leading slash; `''` for the root itself. */
  readonly subpath: string;
  /** The parsed prefix (`posix`, `unc` or `drive`; never `relative`, never with `..`). */
  readonly location: Location;
}

export class NasConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly problems: string[],
  ) {
    super(`${setting}: ${problems.join('; ')}`);
    this.name = 'NasConfigError';
  }
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Lower-case slug of a folder name (`Poker Archive` → `poker-archive`); `''` if nothing is left. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Parses `NAS_ROOTS`: comma-separated entries, each `path` or `name=path`.
 * A missing name is the slug of the path's last folder. Throws
 * {@link NasConfigError} listing every problem: relative paths, `/`, control
 * characters, bad or duplicate names, duplicate or nested paths, no roots.
 */
export function parseNasRoots(value: string): NasRoot[] {
  const problems: string[] = [];
  const roots: NasRoot[] = [];
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new NasConfigError('NAS_ROOTS', ['no root configured']);

  for (const entry of entries) {
    const named = /^([^=/\\]+)=(.*)$/s.exec(entry);
    const rawName = named ? named[1].trim() : undefined;
    const rawPath = named ? named[2].trim() : entry;
    const bad = controlCharProblem(rawPath);
    if (bad) {
      problems.push(`${preview(entry)} ${bad}`);
      continue;
    }
    if (!path.posix.isAbsolute(rawPath)) {
      problems.push(`${preview(rawPath)} is not an absolute POSIX path`);
      continue;
    }
    const normalized = path.posix.normalize(rawPath).replace(/\/+$/, '');
    if (normalized === '') {
      problems.push(`${preview(rawPath)}: the file system root cannot be a NAS root`);
      continue;
    }
    let name: string;
    if (rawName !== undefined) {
      if (!SLUG.test(rawName)) {
        problems.push(`root name ${preview(rawName)} must be a lower-case slug (a-z, 0-9, _ and -, at most 63)`);
        continue;
      }
      name = rawName;
    } else {
      name = slugify(path.posix.basename(normalized));
      if (!SLUG.test(name)) {
        problems.push(`cannot derive a root name from ${preview(normalized)}; write it as name=${normalized}`);
        continue;
      }
    }
    roots.push({ name, path: normalized });
  }

  for (let i = 0; i < roots.length; i++) {
    for (let j = i + 1; j < roots.length; j++) {
      const [a, b] = [roots[i], roots[j]];
      if (a.name === b.name) {
        problems.push(`two roots are named "${a.name}" (${a.path}, ${b.path}); name them with name=path`);
      }
      if (a.path === b.path) {
        problems.push(`${a.path} is listed twice`);
      } else if (isInside(a.path, b.path) || isInside(b.path, a.path)) {
        problems.push(`roots must not be nested: ${a.path} and ${b.path}`);
      }
    }
  }
  if (problems.length > 0) throw new NasConfigError('NAS_ROOTS', problems);
  return roots;
}

function isInside(parent: string, child: string): boolean {
  return child.startsWith(`${parent}/`);
}

/** The default prefixes: each root's own absolute path maps to the root itself. */
export function rootPathPrefixes(roots: readonly NasRoot[]): PathPrefix[] {
  return roots.map((root) => ({
    prefix: root.path,
    root: root.name,
    subpath: '',
    location: { kind: 'posix', anchor: '', segments: root.path.split('/').filter((s) => s !== '') },
  }));
}

/**
 * Parses `NAS_PATH_PREFIXES`: comma-separated `prefix=root` entries, where
 * prefix is a UNC share (`\\nas01\poker`), an smb:// or file:// URL, a drive
 * (`Z:\`) or a POSIX mount point (`/Volumes/poker`), and root is a root name,
 * optionally followed by a folder inside it (`media/WSOP`). The last `=`
 * separates the two, so a prefix may contain `=`.
 *
 * Unset or blank: the defaults, {@link rootPathPrefixes}. (Whatever is
 * configured, `toRootRelative` also accepts each root's own path.)
 * Throws {@link NasConfigError} listing every problem: unknown roots,
 * relative prefixes, `..`, one prefix mapped to two folders, a root path mapped elsewhere.
 * A prefix given twice with the same target (as UNC and as smb://, say) is kept once.
 */
export function parsePathPrefixes(value: string | undefined, roots: readonly NasRoot[]): PathPrefix[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return rootPathPrefixes(roots);

  const problems: string[] = [];
  const prefixes: PathPrefix[] = [];
  const rootNames = roots.map((r) => r.name);
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    if (eq <= 0) {
      problems.push(`${preview(entry)} is not prefix=root`);
      continue;
    }
    const prefix = entry.slice(0, eq).trim();
    const target = entry.slice(eq + 1).trim();
    const [rawRootName, ...sub] = target.split(/[/\\]/).filter((s) => s !== '' && s !== '.');
    const rootName = rawRootName?.toLowerCase();
    if (!rootName || !rootNames.includes(rootName)) {
      problems.push(
        `${preview(entry)} maps to unknown root ${preview(rawRootName ?? '')} (roots: ${rootNames.join(', ')})`,
      );
      continue;
    }
    if (sub.includes('..') || controlCharProblem(target)) {
      problems.push(`${preview(entry)}: the folder inside the root must be a plain path without ".."`);
      continue;
    }
    const location = parseLocation(prefix);
    if (isLocationError(location)) {
      problems.push(`${preview(entry)}: ${location.detail}`);
      continue;
    }
    if (location.kind === 'relative') {
      problems.push(`${preview(prefix)} must be absolute (a UNC share, smb:// or file:// URL, drive or /path)`);
      continue;
    }
    if (location.segments.includes('..')) {
      problems.push(`${preview(prefix)} must not contain ".."`);
      continue;
    }
    if (location.kind === 'unc' && location.segments.length === 0) {
      problems.push(`${preview(prefix)} names a host but no share`);
      continue;
    }
    prefixes.push({ prefix, root: rootName, subpath: sub.join('/'), location: withoutPosixAlternative(location) });
  }

  // The same share spelled twice (`\\nas01\poker` and `smb://nas01/poker`) is fine if both agree.
  const seen = new Map<string, PathPrefix>();
  for (const p of prefixes) {
    const key = prefixKey(p.location);
    const earlier = seen.get(key);
    if (!earlier) seen.set(key, p);
    else if (earlier.root !== p.root || earlier.subpath !== p.subpath) {
      problems.push(
        `${preview(earlier.prefix)} and ${preview(p.prefix)} are the same prefix mapped to different folders`,
      );
    }
  }
  for (const own of rootPathPrefixes(roots)) {
    const configured = seen.get(prefixKey(own.location));
    if (configured && (configured.root !== own.root || configured.subpath !== '')) {
      problems.push(`${preview(configured.prefix)} is the path of root "${own.root}" and cannot map elsewhere`);
    }
  }
  if (problems.length > 0) throw new NasConfigError('NAS_PATH_PREFIXES', problems);
  return [...seen.values()];
}

/** Identity of a prefix: hosts, drives and UNC/drive segments compare case-insensitively, POSIX exactly. */
export function prefixKey(location: Location): string {
  const segments =
    location.kind === 'posix' ? location.segments.map((s) => s.normalize('NFC')) : location.segments.map(pathKey);
  return JSON.stringify([location.kind, location.anchor, ...segments]);
}

function withoutPosixAlternative(location: Location): Location {
  return { kind: location.kind, anchor: location.anchor, segments: location.segments };
}
