import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notifyDocumentsChanged } from '../read-model/documents.repository';
import { LIVE_SCHEMA, READ_MODEL_TABLES, REINDEX_LOCK_KEY, ReadModelTable, SHADOW_SCHEMA } from '../read-model/tables';

const RETIRED_SCHEMA = 'search_retired';

export interface ReindexRun {
  id: string;
  status: 'running' | 'completed' | 'failed';
  started_at: string;
  finished_at: string | null;
  counts: Record<string, number>;
  warnings: string[];
  error: string | null;
}

/** The index definition without its name and table, to pair a copy's index with the original's. */
const shape = (def: string) => def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, 'CREATE $1INDEX ON ');

/**
 * The reindex's tables: a shadow copy of the read model (`search_next`,
 * same columns and indexes, same index names) that writers fill alongside
 * the live one while it is built, and the swap that makes it live in one
 * transaction.
 */
@Injectable()
export class ReindexRepository {
  /**
   * Creates the empty shadow tables. Holding the reindex lock exclusively,
   * so every writer after this commits writes to both (see writeTargets).
   */
  async createShadow(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [REINDEX_LOCK_KEY]);
    await m.query(`DROP SCHEMA IF EXISTS ${SHADOW_SCHEMA} CASCADE`);
    await m.query(`CREATE SCHEMA ${SHADOW_SCHEMA}`);
    for (const table of READ_MODEL_TABLES) {
      await m.query(`CREATE TABLE ${SHADOW_SCHEMA}.${table} (LIKE ${LIVE_SCHEMA}.${table} INCLUDING ALL)`);
      await this.copyIndexNames(m, table);
    }
  }

  /** The copy's indexes get the original's names, so that after the swap later migrations find them. */
  private async copyIndexNames(m: EntityManager, table: ReadModelTable): Promise<void> {
    const indexes = (schema: string): Promise<{ name: string; def: string }[]> =>
      m.query(
        `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = $1 AND t.relname = $2`,
        [schema, table],
      );
    const live = await indexes(LIVE_SCHEMA);
    const copies = await indexes(SHADOW_SCHEMA);
    const renames = copies.flatMap((copy, i) => {
      const original = live.find((l) => shape(l.def) === shape(copy.def));
      return original ? [{ from: copy.name, temp: `reindex_tmp_${table}_${i}`, to: original.name }] : [];
    });
    for (const r of renames) await m.query(`ALTER INDEX ${SHADOW_SCHEMA}."${r.from}" RENAME TO "${r.temp}"`);
    for (const r of renames) await m.query(`ALTER INDEX ${SHADOW_SCHEMA}."${r.temp}" RENAME TO "${r.to}"`);
  }

  /** Keeps what the live read model has of these tables (a block that did not answer). */
  async keepLive(m: EntityManager, tables: readonly ReadModelTable[]): Promise<number> {
    let kept = 0;
    for (const table of tables) {
      const rows: unknown[] = await m.query(
        `INSERT INTO ${SHADOW_SCHEMA}.${table} SELECT * FROM ${LIVE_SCHEMA}.${table} ON CONFLICT DO NOTHING RETURNING 1`,
      );
      kept += rows.length;
    }
    return kept;
  }

  /**
   * The shadow becomes the read model in one transaction: writers are held
   * off by the reindex lock, readers wait the few milliseconds the renames
   * take (the table locks), and then read the new tables — no request fails.
   */
  async swap(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [REINDEX_LOCK_KEY]);
    const all = READ_MODEL_TABLES.flatMap((t) => [`${LIVE_SCHEMA}.${t}`, `${SHADOW_SCHEMA}.${t}`]);
    await m.query(`LOCK TABLE ${all.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    await m.query(`DROP SCHEMA IF EXISTS ${RETIRED_SCHEMA} CASCADE`);
    await m.query(`CREATE SCHEMA ${RETIRED_SCHEMA}`);
    for (const table of READ_MODEL_TABLES) {
      await m.query(`ALTER TABLE ${LIVE_SCHEMA}.${table} SET SCHEMA ${RETIRED_SCHEMA}`);
      await m.query(`ALTER TABLE ${SHADOW_SCHEMA}.${table} SET SCHEMA ${LIVE_SCHEMA}`);
    }
    await m.query(`DROP SCHEMA ${RETIRED_SCHEMA} CASCADE`);
    await m.query(`DROP SCHEMA ${SHADOW_SCHEMA}`);
    await notifyDocumentsChanged(m);
  }

  /** Drops a shadow a failed reindex left (writers stop writing to it). */
  async dropShadow(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [REINDEX_LOCK_KEY]);
    await m.query(`DROP SCHEMA IF EXISTS ${SHADOW_SCHEMA} CASCADE`);
  }

  async counts(m: EntityManager): Promise<Record<string, number>> {
    const [row] = (await m.query(
      `SELECT (SELECT count(*) FROM search.projects)::int AS projects, (SELECT count(*) FROM search.seasons)::int AS seasons,
              (SELECT count(*) FROM search.events)::int AS events, (SELECT count(*) FROM search.episodes)::int AS episodes,
              (SELECT count(*) FROM search.files)::int AS files, (SELECT count(*) FROM search.clips)::int AS clips,
              (SELECT count(*) FROM search.sheet_rows)::int AS rows, (SELECT count(*) FROM search.documents)::int AS documents`,
    )) as Record<string, number>[];
    return row ?? {};
  }

  /** Starts a run unless one is running (a run older than `staleAfter` seconds is taken as dead). */
  async begin(m: EntityManager, id: string, staleAfterS: number): Promise<ReindexRun | null> {
    await m.query(`SELECT pg_advisory_xact_lock($1, 1)`, [REINDEX_LOCK_KEY]);
    const [running] = (await m.query(
      `SELECT id FROM search.reindex_runs WHERE status = 'running' AND started_at > now() - make_interval(secs => $1)`,
      [staleAfterS],
    )) as { id: string }[];
    if (running) return null;
    await m.query(
      `UPDATE search.reindex_runs SET status = 'failed', finished_at = now(), error = 'abandoned' WHERE status = 'running'`,
    );
    await m.query(`INSERT INTO search.reindex_runs (id, status) VALUES ($1, 'running')`, [id]);
    return this.get(m, id);
  }

  async finish(
    m: EntityManager,
    id: string,
    result: {
      status: 'completed' | 'failed';
      counts: Record<string, number>;
      warnings: string[];
      error: string | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE search.reindex_runs SET status = $2, finished_at = now(), counts = $3, warnings = $4, error = $5 WHERE id = $1`,
      [id, result.status, JSON.stringify(result.counts), JSON.stringify(result.warnings), result.error],
    );
  }

  async get(m: EntityManager, id?: string): Promise<ReindexRun | null> {
    const rows: (Omit<ReindexRun, 'started_at' | 'finished_at'> & { started_at: Date; finished_at: Date | null })[] =
      await m.query(
        `SELECT id, status, started_at, finished_at, counts, warnings, error FROM search.reindex_runs
          WHERE ($1::uuid IS NULL OR id = $1::uuid) ORDER BY started_at DESC LIMIT 1`,
        [id ?? null],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      ...row,
      started_at: new Date(row.started_at).toISOString(),
      finished_at: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    };
  }
}
