import type { KeyedRow } from './parse-hand-log';

/** What the store holds for one row of a sheet. */
export interface StoredRow {
  key: string;
  tab: string;
  rowNumber: number;
  hash: string;
}

export interface RowDiff {
  added: KeyedRow[];
  changed: KeyedRow[];
  /** Same content, other place (rows inserted above, sorted, moved to another tab): stored silently. */
  moved: KeyedRow[];
  removed: StoredRow[];
  unchanged: number;
}

export interface DiffScope {
  /** Tabs that were not read this time (failed, or their header is gone): their stored rows stay. */
  unreadTabs?: ReadonlySet<string>;
  /** Stored rows an invalid row stands for: kept until the row is fixed or deleted. */
  protectedKeys?: ReadonlySet<string>;
  invalidPositions?: readonly { tab: string; row: number }[];
}

/** The sheet as read against the sheet as stored (pure). */
export function diffRows(stored: readonly StoredRow[], current: readonly KeyedRow[], scope: DiffScope = {}): RowDiff {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const diff: RowDiff = { added: [], changed: [], moved: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const row of current) {
    seen.add(row.key);
    const before = byKey.get(row.key);
    if (!before) diff.added.push(row);
    else if (before.hash !== row.hash) diff.changed.push(row);
    else if (before.tab !== row.tab || before.rowNumber !== row.rowNumber) diff.moved.push(row);
    else diff.unchanged++;
  }
  const invalidAt = new Set((scope.invalidPositions ?? []).map((p) => `${p.row}\u0000${p.tab}`));
  for (const before of stored) {
    if (seen.has(before.key)) continue;
    if (scope.unreadTabs?.has(before.tab)) continue;
    if (scope.protectedKeys?.has(before.key)) continue;
    if (invalidAt.has(`${before.rowNumber}\u0000${before.tab}`)) continue;
    diff.removed.push(before);
  }
  return diff;
}
