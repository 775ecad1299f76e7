import { NasRoot, preview } from '@pokervod/nas-roots';
import { Location, isLocationError, parseLocation, pathKey } from './location';
import { PathPrefix, prefixKey, rootPathPrefixes } from './nas-roots';

/** A file or folder in the inventory: root name + POSIX path relative to it (no leading slash; `''` = the root). */
export interface RootRelativePath {
  readonly root: string;
  readonly path: string;
}

export type PathFormErrorCode = 'outside_roots' | 'traversal' | 'empty' | 'unrecognized';

export interface PathFormError {
  readonly error: PathFormErrorCode;
  readonly detail: string;
}

export type RootRelativeResult = RootRelativePath | PathFormError;

export function isPathFormError(value: RootRelativeResult): value is PathFormError {
  return 'error' in value;
}

/**
 * Applies `segments` (which may hold `..`) below `base`. `undefined` when a
 * `..` would climb above `base`: the caller reports a traversal, it never
 * clamps (clamping would silently point at another file).
 */
export function resolveBelow(base: readonly string[], segments: readonly string[]): string[] | undefined {
  const stack = [...base];
  const floor = base.length;
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length === floor) return undefined;
      stack.pop();
    } else {
      stack.push(segment);
    }
  }
  return stack;
}

/**
 * Maps a path as written in a sheet ("NAS folder link") to the inventory's
 * (root, relative path), without touching the file system.
 *
 * Accepted: POSIX paths under a root's path; UNC (`\\host\share\a`,
 * `//host/share/a`), `smb://host/share/a`, `file://` URLs and drive paths
 * (`Z:\a`) through `prefixes`; relative paths starting with a root name
 * (`media/WSOP/x.mp4`), or, with a single root, relative to it. Mixed
 * separators, trailing slashes, quotes and surrounding whitespace are
 * tolerated; hosts, shares, drives and UNC/drive prefix folders compare
 * case-insensitively, POSIX prefixes prefer an exact match and fall back to a
 * case-insensitive one. The part below the prefix keeps its case.
 *
 * `..` may move around below the prefix (`WSOP/2024/../2023/x.mp4`) but an
 * input whose `..` climbs above it is rejected (`traversal`), as are NUL bytes
 * and control characters (`unrecognized`) and locations under no root or
 * prefix (`outside_roots`). Never throws.
 */
export function toRootRelative(
  input: string,
  roots: readonly NasRoot[],
  prefixes: readonly PathPrefix[],
): RootRelativeResult {
  try {
    return resolve(input, roots, prefixes);
  } catch (err) {
    // Defensive: nothing above should throw, but a bad input must never crash a command handler.
    return { error: 'unrecognized', detail: `cannot read the path: ${(err as Error)?.message ?? String(err)}` };
  }
}

function resolve(input: string, roots: readonly NasRoot[], prefixes: readonly PathPrefix[]): RootRelativeResult {
  const location = parseLocation(input);
  if (isLocationError(location)) return location;
  if (roots.length === 0) return { error: 'outside_roots', detail: 'no NAS roots are configured' };

  if (location.kind === 'relative') return resolveRelative(location.segments, roots, input);

  const candidates = candidatePrefixes(roots, prefixes);
  let match = matchPrefix(location, candidates);
  if (match === undefined && location.posixSegments) {
    // `//mnt/nas/x` meant as the POSIX path `/mnt/nas/x`.
    match = matchPrefix({ kind: 'posix', anchor: '', segments: location.posixSegments }, candidates);
  }
  if (match === undefined) {
    return {
      error: 'outside_roots',
      detail: `${preview(input)} is not under a NAS root or configured prefix (roots: ${roots.map((r) => r.name).join(', ')})`,
    };
  }
  if (match === 'ambiguous') {
    return { error: 'unrecognized', detail: `${preview(input)} matches several prefixes that differ only in case` };
  }
  return below(match.prefix.root, match.prefix.subpath, match.rest, input);
}

function resolveRelative(segments: readonly string[], roots: readonly NasRoot[], input: string): RootRelativeResult {
  const [first, ...rest] = segments;
  if (first === undefined) return { error: 'empty', detail: `${preview(input)} names no path` };
  const named = roots.find((r) => r.name === pathKey(first));
  if (named) return below(named.name, '', rest, input);
  if (roots.length === 1) return below(roots[0].name, '', segments, input);
  if (first === '..') return traversal(input);
  return {
    error: 'unrecognized',
    detail: `relative path ${preview(input)} must start with a root name (${roots.map((r) => r.name).join(', ')})`,
  };
}

function below(root: string, subpath: string, rest: readonly string[], input: string): RootRelativeResult {
  const resolved = resolveBelow([], rest);
  if (resolved === undefined) return traversal(input);
  const base = subpath === '' ? [] : subpath.split('/');
  return { root, path: [...base, ...resolved].join('/') };
}

function traversal(input: string): PathFormError {
  return { error: 'traversal', detail: `${preview(input)} climbs above its NAS root with ".."` };
}

/** Configured prefixes whose root exists, plus every root's own path (unless configured already). */
function candidatePrefixes(roots: readonly NasRoot[], prefixes: readonly PathPrefix[]): PathPrefix[] {
  const names = new Set(roots.map((r) => r.name));
  const list = prefixes.filter((p) => names.has(p.root));
  const keys = new Set(list.map((p) => prefixKey(p.location)));
  for (const own of rootPathPrefixes(roots)) {
    if (!keys.has(prefixKey(own.location))) list.push(own);
  }
  return list;
}

interface PrefixMatch {
  readonly prefix: PathPrefix;
  /** Segments after the prefix (may hold `..`). */
  readonly rest: readonly string[];
}

/** The longest matching prefix; at equal length an exact-case match beats a case-insensitive one. */
function matchPrefix(location: Location, candidates: readonly PathPrefix[]): PrefixMatch | 'ambiguous' | undefined {
  let best: { match: PrefixMatch; score: number } | undefined;
  let tie = false;
  for (const prefix of candidates) {
    const p = prefix.location;
    if (p.kind !== location.kind || p.anchor !== location.anchor) continue;
    if (p.segments.length > location.segments.length) continue;
    let exact = true;
    let matches = true;
    for (let i = 0; i < p.segments.length; i++) {
      const want = p.segments[i];
      const got = location.segments[i];
      if (want.normalize('NFC') === got.normalize('NFC')) continue;
      if (pathKey(want) === pathKey(got)) {
        exact = false;
        continue;
      }
      matches = false;
      break;
    }
    if (!matches) continue;
    // Exactness only matters for POSIX; UNC shares and drives are case-insensitive anyway.
    const score = p.segments.length * 2 + (exact || p.kind !== 'posix' ? 1 : 0);
    if (best === undefined || score > best.score) {
      best = { match: { prefix, rest: location.segments.slice(p.segments.length) }, score };
      tie = false;
    } else if (
      score === best.score &&
      (prefix.root !== best.match.prefix.root || prefix.subpath !== best.match.prefix.subpath)
    ) {
      tie = true;
    }
  }
  if (best === undefined) return undefined;
  return tie ? 'ambiguous' : best.match;
}
