/** A satisfiable byte range, inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a `Range` header asks of a resource of `size` bytes (RFC 9110 §14):
 * `full` — no range, one the server may ignore (another unit, bad syntax,
 * several ranges); `range` — one satisfiable range, clipped to the size;
 * `unsatisfiable` — a range that starts past the end (answer 416).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { kind: 'full' } | { kind: 'range'; range: ByteRange } | { kind: 'unsatisfiable' } {
  if (header === undefined) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'full' };
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}
