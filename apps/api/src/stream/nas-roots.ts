import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { NasRoot } from '@pokervod/nas-roots';

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
