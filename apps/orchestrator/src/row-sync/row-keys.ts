import { RetryPolicy, retryDelayMs } from '@pokervod/resilience';

/**
 * Which stored rows a NAS file event can affect. Block A matches a row's
 * file by its root-relative path, by that path without the extension, or by
 * the file name alone — always ending in the file's own name. So a row can
 * only match files whose name (compared lower-case NFC, like block A does,
 * with or without the extension) is among the row's name keys. Over-matching
 * costs one extra evaluation; under-matching would leave a row stale, so the
 * keys are generous: both the folder link's and the file name's last segment,
 * as written and percent-decoded.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().normalize('NFC').trim();
}

function lastSegment(value: string): string {
  const parts = value.split(/[\\/]/).filter((p) => p.trim() !== '');
  return parts.at(-1)?.trim() ?? '';
}

function decoded(value: string): string {
  if (!/%[0-9a-f]{2}/i.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%20/gi, ' ');
  }
}

/** `name` without a final `.ext` of 1–5 letters or digits, or null when it has none. */
function stem(name: string): string | null {
  const m = /^(.+)\.[a-z0-9]{1,5}$/i.exec(name);
  return m ? m[1]!.trim() : null;
}

function keysOf(segment: string): string[] {
  if (segment === '') return [];
  const keys = [nameKey(segment)];
  const s = stem(segment);
  if (s) keys.push(nameKey(s));
  return keys;
}

/** The names a row's file may carry: from its file name column and its folder link. */
export function rowNameKeys(fileName: string, folderLink: string): string[] {
  const segments = [fileName, folderLink].flatMap((v) => {
    const raw = lastSegment(v);
    const dec = lastSegment(decoded(v));
    return raw === dec ? [raw] : [raw, dec];
  });
  return [...new Set(segments.flatMap(keysOf))];
}

/** The name keys of a NAS file at `path`: a row is affected when the two sets meet. */
export function fileNameKeys(path: string): string[] {
  return [...new Set(keysOf(lastSegment(path)))];
}

/** Longest wait between two attempts of a pending row: a block that comes back is noticed within it. */
export const MAX_ROW_RETRY_DELAY_MS = 60_000;

/**
 * When a pending row is tried again after its `attempts`-th failure: the
 * failing block's policy (docs/architecture.md#retry-policies: exponential
 * from 5 s for A/B, 2 s fixed for C, …) without its attempt limit — a row
 * stays pending until the block answers — and never more than a minute apart,
 * scaled for tests.
 */
export function rowRetryDelayMs(policy: RetryPolicy, attempts: number, scale = 1): number {
  const delay = retryDelayMs({ ...policy, maxDelayMs: MAX_ROW_RETRY_DELAY_MS }, Math.max(1, attempts));
  return Math.max(0, Math.round(delay * scale));
}
