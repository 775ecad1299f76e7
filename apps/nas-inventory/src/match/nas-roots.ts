import { NasConfigError, NasRoot, controlCharProblem, preview } from '@pokervod/nas-roots';
import { Location, isLocationError, parseLocation, pathKey } from './location';

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
