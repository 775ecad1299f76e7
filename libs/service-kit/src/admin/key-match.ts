import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Fresh per process: nobody outside can precompute digests, and none is ever stored. */
const PROCESS_KEY = randomBytes(32);

/**
 * Whether a presented secret equals the configured one, in time that depends
 * on neither's content nor length: both sides are HMAC'd with a per-process
 * random key, and the equal-length digests compared with `timingSafeEqual`.
 * (Comparing the raw buffers needs equal lengths first, which tells an
 * attacker the key's length.)
 */
export function secretMatches(given: string | undefined, expected: string, key: Buffer = PROCESS_KEY): boolean {
  const digest = (text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  // An absent secret is compared too, so "no header" costs what a wrong one does.
  const same = timingSafeEqual(digest(given ?? ''), digest(expected));
  return same && given !== undefined && given !== '';
}
