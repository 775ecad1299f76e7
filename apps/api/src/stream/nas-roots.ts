import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** A NAS root as configured here: its name (as the inventory names it) and where it is mounted. */
export interface NasRoot {
  name: string;
  path: string;
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** nas-inventory's default root name: the lower-case slug of the folder's name. */
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
 * `NAS_ROOTS` in nas-inventory's format: comma list of `path` or
 * `name=path` (absolute; a missing name is the slug of the last folder).
 * Throws with every problem, so a bad value stops the app at start.
 */
export function parseNasRoots(value: string): NasRoot[] {
  const problems: string[] = [];
  const roots: NasRoot[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const named = /^([^=/\\]+)=(.*)$/s.exec(entry);
    const rawPath = (named ? named[2] : entry).trim();
    if (!path.posix.isAbsolute(rawPath)) {
      problems.push(`${rawPath} is not an absolute path`);
      continue;
    }
    const normalized = path.posix.normalize(rawPath).replace(/\/+$/, '');
    if (normalized === '') {
      problems.push('the file system root cannot be a NAS root');
      continue;
    }
    const name = named ? named[1].trim() : slugify(path.posix.basename(normalized));
    if (!SLUG.test(name)) {
      problems.push(`root name "${name}" must be a lower-case slug`);
      continue;
    }
    if (roots.some((r) => r.name === name)) problems.push(`two roots are named "${name}"`);
    roots.push({ name, path: normalized });
  }
  if (roots.length === 0 && problems.length === 0) problems.push('no root configured');
  if (problems.length > 0) throw new Error(`NAS_ROOTS: ${problems.join('; ')}`);
  return roots;
}

/**
 * Where a file the inventory holds (root name + path relative to it) is on
 * this machine, or null when it is not under a configured root: unknown
 * root, an absolute or climbing path, or a symlink leading out of the root.
 * The path comes from the read model, never from a request; this is the
 * second line of defence.
 */
export async function resolveUnderRoot(
  roots: readonly NasRoot[],
  rootName: string,
  relPath: string,
): Promise<string | null> {
  const root = roots.find((r) => r.name === rootName);
  if (!root || relPath === '' || relPath.includes('\0') || path.posix.isAbsolute(relPath)) return null;
  const joined = path.posix.normalize(path.posix.join(root.path, relPath));
  if (!joined.startsWith(`${root.path}/`)) return null;
  try {
    const [real, realRoot] = await Promise.all([realpath(joined), realpath(root.path)]);
    return real.startsWith(`${realRoot}/`) ? real : null;
  } catch {
    return null;
  }
}
