import type { EntityManager } from 'typeorm';

/** The tables a reindex rebuilds (in a shadow schema) and swaps in. */
export const READ_MODEL_TABLES = [
  'projects',
  'seasons',
  'events',
  'episodes',
  'files',
  'file_placements',
  'clips',
  'sheet_rows',
  'sheet_problems',
  'sheet_syncs',
  'documents',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

export const LIVE_SCHEMA = 'search';
/** Where a reindex builds the next read model while the live one keeps answering. */
export const SHADOW_SCHEMA = 'search_next';

/** One set of read-model tables: the live one or the shadow one a reindex is building. */
export interface TableSet {
  readonly schema: string;
  /** Qualified name, for SQL: `search.clips`. */
  t(table: ReadModelTable): string;
}

export function tableSet(schema: string): TableSet {
  return { schema, t: (table) => `${schema}.${table}` };
}

export const LIVE = tableSet(LIVE_SCHEMA);
export const SHADOW = tableSet(SHADOW_SCHEMA);

/** Key of the advisory lock writers share and the reindex's swap takes alone. */
export const REINDEX_LOCK_KEY = 0x5e4c_4e58;

/**
 * The table sets a write must go to: the live one, and the shadow one while
 * a reindex builds it. Writers hold the lock shared for their transaction,
 * so the swap (which takes it exclusively) never happens between this check
 * and their commit.
 */
export async function writeTargets(m: EntityManager): Promise<TableSet[]> {
  const [row] = (await m.query(`SELECT pg_advisory_xact_lock_shared($1), to_regnamespace($2) IS NOT NULL AS building`, [
    REINDEX_LOCK_KEY,
    SHADOW_SCHEMA,
  ])) as { building: boolean }[];
  return row?.building ? [LIVE, SHADOW] : [LIVE];
}
