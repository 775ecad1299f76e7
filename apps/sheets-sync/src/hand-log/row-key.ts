import { createHash } from 'node:crypto';
import type { SheetRow } from '@pokervod/contracts';

/**
 * A row's identity before duplicates are told apart: its `id` cell when the
 * sheet has one, otherwise file name (lower case) and in-point. Neither
 * depends on where the row sits, so inserting or sorting rows changes no key.
 */
export function baseRowKey(row: Pick<SheetRow, 'id' | 'file_name'>, inPoint: string): string {
  if (row.id) return `id:${row.id}`;
  return `${row.file_name.toLowerCase()}@${inPoint}`;
}

/**
 * Rows sharing a base key (the same file and in-point, a different hand:
 * exact copies were left out before, see duplicates.ts) get `#2`, `#3`, …
 * in sheet order; the first keeps the base key.
 */
export function disambiguate(baseKeys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return baseKeys.map((key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

/**
 * SHA-256 of the row's content, fields in a fixed order. `extra` columns are
 * left out (they are ignored, so editing them is no change), and tags count
 * as a set: reordering them is no change either.
 */
export function contentHash(row: SheetRow): string {
  return sha256([...handFields(row), row.id]);
}

/**
 * The same over the hand alone, its `id` left out: two rows with equal hand
 * hashes describe the same clip whatever their IDs say (see duplicates.ts).
 */
export function handHash(row: SheetRow): string {
  return sha256(handFields(row));
}

function handFields(row: SheetRow): unknown[] {
  return [
    row.file_name,
    row.nas_folder_link,
    row.in,
    row.out,
    [...row.tags].map((t) => t.toLowerCase()).sort(),
    row.hand_no,
    row.players,
    row.description,
    row.winner,
    row.pot,
    row.notes,
  ];
}

function sha256(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
