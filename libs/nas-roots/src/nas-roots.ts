import * as path from 'node:path';

/** One configured NAS root: the inventory identifies files by (name, path relative to `path`). */
export interface NasRoot {
  /** Lower-case slug, unique among the roots. */
  readonly name: string;
  /** Absolute, normalized POSIX path without a trailing slash (never `/`). */
  readonly path: string;
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

/** C0 controls and DEL. NUL above all: C APIs (and some SMB stacks) cut the path there. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export function controlCharProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL byte';
  if (CONTROL_CHARS.test(value)) return 'contains a control character';
  return undefined;
}

/** A short, escaped echo of an input for error details (never the whole of a huge input). */
export function preview(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
}
