import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * A file's identity that survives moves, renames, remounts and NAS clock
 * skew: its size and a hash of its first and last `window` bytes. Reading
 * two windows instead of whole multi-gigabyte videos keeps a scan fast.
 */
export async function partialContentHash(absolutePath: string, size: number, window: number): Promise<string> {
  const hash = createHash('sha256');
  hash.update(String(size));
  const handle = await open(absolutePath, 'r');
  try {
    const head = Math.min(size, window);
    hash.update(await readAt(handle, 0, head));
    if (size > window) {
      const tailStart = Math.max(head, size - window);
      hash.update(await readAt(handle, tailStart, size - tailStart));
    }
  } finally {
    await handle.close();
  }
  return `sha256:${hash.digest('hex')}`;
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length); // only the bytes read are hashed
  let offset = 0;
  while (offset < length) {
    const { bytesRead } = await handle.read(buffer, offset, length - offset, position + offset);
    if (bytesRead === 0) break; // the file shrank while we read it
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
}
