import type { SheetRow, SyncResult } from '@pokervod/contracts';
import { handHash } from './row-key';

export type DuplicateRow = SyncResult['duplicates'][number];

/** A valid row as the duplicate check sees it; the list it comes in is in sheet order (tabs in order, rows top to bottom). */
export interface PlacedRow {
  tab: string;
  rowNumber: number;
  row: SheetRow;
}

export interface DuplicateCheck<T extends PlacedRow> {
  /** The rows to store, in sheet order. */
  kept: T[];
  /** The rows left out, in sheet order, each naming the kept row it repeats. */
  duplicates: DuplicateRow[];
}

/**
 * Rows that repeat another are left out (pure), so a copied row makes no
 * second clip:
 *
 * - `exact`: the same hand (every field but the ID and `extra`, tags as a
 *   set) as a kept row, whatever its ID. Of a set of copies the first in
 *   sheet order with an ID is kept, else the first: the kept row's key does
 *   not depend on which copy sits higher.
 * - `id_conflict`: the ID of a kept row with a different hand. The first row
 *   in sheet order with that ID wins; this one is not used until it gets an
 *   ID of its own (or none).
 *
 * Rows sharing only file and in-point are not duplicates: they keep their
 * `#2` keys (row-key.ts).
 */
export function findDuplicates<T extends PlacedRow>(rows: readonly T[]): DuplicateCheck<T> {
  const byHand = new Map<string, T>();
  const byId = new Map<string, T>();
  const kept = new Set<T>();
  const found: { row: T; duplicate: DuplicateRow }[] = [];
  const hashes = new Map(rows.map((r) => [r, handHash(r.row)] as const));
  const keep = (r: T) => {
    kept.add(r);
    byHand.set(hashes.get(r) as string, r);
    if (r.row.id) byId.set(r.row.id, r);
  };
  // Rows with an ID first, each in sheet order: an ID claims its hand before an unnamed copy of it can.
  for (const r of rows.filter((r) => r.row.id)) {
    const same = byHand.get(hashes.get(r) as string);
    const claimed = byId.get(r.row.id as string);
    if (same) found.push({ row: r, duplicate: exact(r, same) });
    else if (claimed) found.push({ row: r, duplicate: idConflict(r, claimed) });
    else keep(r);
  }
  for (const r of rows.filter((r) => !r.row.id)) {
    const same = byHand.get(hashes.get(r) as string);
    if (same) found.push({ row: r, duplicate: exact(r, same) });
    else keep(r);
  }
  const order = new Map(rows.map((r, i) => [r, i] as const));
  return {
    kept: rows.filter((r) => kept.has(r)),
    duplicates: found
      .sort((a, b) => (order.get(a.row) as number) - (order.get(b.row) as number))
      .map((f) => f.duplicate),
  };
}

function exact(row: PlacedRow, of: PlacedRow): DuplicateRow {
  const [self, other] = names(row, of);
  return {
    tab: row.tab,
    row: row.rowNumber,
    duplicate_of: of.rowNumber,
    kind: 'exact',
    id: row.row.id,
    reason: `${self} is an exact duplicate of ${other}; only ${other} is used`,
  };
}

function idConflict(row: PlacedRow, of: PlacedRow): DuplicateRow {
  const [self, other] = names(row, of);
  return {
    tab: row.tab,
    row: row.rowNumber,
    duplicate_of: of.rowNumber,
    kind: 'id_conflict',
    id: row.row.id,
    reason: `${self} has the ID "${row.row.id}" of ${other} but a different hand; ${other} (first in sheet order) is used, ${self} is not`,
  };
}

/** "row 13" and "row 12", with their tabs when they differ. */
function names(row: PlacedRow, of: PlacedRow): [string, string] {
  if (row.tab === of.tab) return [`row ${row.rowNumber}`, `row ${of.rowNumber}`];
  return [`row ${row.rowNumber} of "${row.tab}"`, `row ${of.rowNumber} of "${of.tab}"`];
}
