import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EventPayload, EventType, RowOutcome, RowOutcomeRecord } from '@pokervod/contracts';

type RowChanged = EventPayload<typeof EventType.SHEETS_ROW_CHANGED>;

/** A dirty row claimed for evaluation: its desired state and what it last settled to. */
export interface ClaimedRow {
  sheet_id: string;
  row_key: string;
  tab: string;
  row_number: number;
  file_name: string;
  nas_folder_link: string;
  change: RowChanged;
  removed: boolean;
  correlation_id: string;
  generation: string;
  outcome: RowOutcome;
  reason: string | null;
  reasons: string[];
  clip_id: string | null;
  video_file_id: string | null;
  episode_id: string | null;
  last_error: string | null;
  attempts: number;
}

/** What an evaluation settled a row to. */
export interface SettledFields {
  outcome: Exclude<RowOutcome, 'pending'>;
  reason: string | null;
  reasons: string[];
  clip_id: string | null;
  video_file_id: string | null;
  episode_id: string | null;
}

export interface RowQuery {
  outcome?: RowOutcome;
  sheetId?: string;
  /** Opaque cursor from the previous page. */
  after?: string;
  limit: number;
}

const ROW_COLUMNS = `sheet_id, row_key, tab, row_number, file_name, nas_folder_link, outcome, reason, reasons, clip_id,
  video_file_id, episode_id, last_error, attempts, updated_at`;

interface RowRecordRow extends Omit<RowOutcomeRecord, 'updated_at'> {
  updated_at: Date;
}

const toRecord = (r: RowRecordRow): RowOutcomeRecord => ({ ...r, updated_at: r.updated_at.toISOString() });

/**
 * All I/O of `orchestrator.sheet_rows` (every stored sheet row, its desired
 * state and its outcome) and `orchestrator.run_row_changes`. A row is dirty
 * while `generation > settled_generation`; marking bumps the generation, so
 * a change that lands while the row is being evaluated is never lost.
 */
@Injectable()
export class RowStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * A row's newer content (older or repeated deliveries change nothing but
   * a re-evaluation). Recorded against its sync run, if one is running.
   */
  async upsertChange(
    m: EntityManager,
    change: RowChanged,
    at: string,
    correlationId: string,
    nameKeys: string[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO orchestrator.sheet_rows
         (sheet_id, row_key, tab, row_number, file_name, nas_folder_link, change, change_at, correlation_id, name_keys)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (sheet_id, row_key) DO UPDATE SET
         tab = EXCLUDED.tab, row_number = EXCLUDED.row_number, file_name = EXCLUDED.file_name,
         nas_folder_link = EXCLUDED.nas_folder_link, change = EXCLUDED.change, change_at = EXCLUDED.change_at,
         correlation_id = EXCLUDED.correlation_id, name_keys = EXCLUDED.name_keys, removed = false,
         generation = sheet_rows.generation + 1, attempts = 0, next_attempt_at = NULL, updated_at = now()
       WHERE sheet_rows.change_at <= EXCLUDED.change_at`,
      [
        change.sheet_id,
        change.row_key,
        change.tab,
        change.row_number,
        change.row.file_name,
        change.row.nas_folder_link,
        JSON.stringify(change),
        at,
        correlationId,
        nameKeys,
      ],
    );
    await this.recordRunChange(m, correlationId, change.sheet_id, change.row_key);
  }

  /**
   * The row left the sheet: it settles to `removed` (its clip removed) unless
   * a newer change revived it. A row this table never held (its clip made
   * before the row sync kept state) is recorded removed too, so its clip goes.
   */
  async markRemoved(
    m: EntityManager,
    removal: { sheet_id: string; tab: string; row_key: string },
    at: string,
    correlationId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO orchestrator.sheet_rows
         (sheet_id, row_key, tab, row_number, file_name, nas_folder_link, change, change_at, correlation_id, removed)
       VALUES ($1, $2, $3, 0, '', '', $4, $5, $6, true)
       ON CONFLICT (sheet_id, row_key) DO UPDATE SET removed = true, change_at = EXCLUDED.change_at,
         correlation_id = EXCLUDED.correlation_id, generation = sheet_rows.generation + 1, attempts = 0,
         next_attempt_at = NULL, updated_at = now()
       WHERE sheet_rows.change_at <= EXCLUDED.change_at`,
      [removal.sheet_id, removal.row_key, removal.tab, JSON.stringify(removal), at, correlationId],
    );
    await this.recordRunChange(m, correlationId, removal.sheet_id, removal.row_key);
  }

  private async recordRunChange(m: EntityManager, correlationId: string, sheetId: string, rowKey: string) {
    await m.query(
      `INSERT INTO orchestrator.run_row_changes (correlation_id, sheet_id, row_key)
       SELECT $1, $2, $3 WHERE EXISTS (
         SELECT 1 FROM orchestrator.sync_runs WHERE correlation_id = $1 AND status = 'in_progress')
       ON CONFLICT DO NOTHING`,
      [correlationId, sheetId, rowKey],
    );
  }

  /**
   * Rows a NAS file can be the file of, or already is: evaluate them again.
   * `byNameInFlightOnly`: of the rows that only name the file, just those being
   * evaluated right now (a probe: a row at rest that names the file but is not
   * on it is not affected by the file's rate). Answers how many.
   */
  async markForFile(
    m: EntityManager,
    fileId: string | null,
    nameKeys: string[],
    { byNameInFlightOnly = false } = {},
  ): Promise<number> {
    const byName = byNameInFlightOnly ? `(name_keys && $2::text[] AND ${IN_FLIGHT})` : `name_keys && $2::text[]`;
    return this.bump(m, `video_file_id = $1 OR ${byName}`, [fileId, nameKeys]);
  }

  /** Rows whose file is known but whose episode is not, and rows being evaluated now: the catalog changed. */
  async markWithoutEpisode(m: EntityManager): Promise<number> {
    return this.bump(
      m,
      `${IN_FLIGHT} OR (video_file_id IS NOT NULL AND episode_id IS NULL AND outcome IN ('clip', 'invalid'))`,
    );
  }

  /** Rows whose last answer was "no file", and rows being evaluated now: files may have appeared. */
  async markUnmatched(m: EntityManager): Promise<number> {
    return this.bump(m, `${IN_FLIGHT} OR outcome = 'unmatched'`);
  }

  /**
   * Makes the rows `where` selects dirty, of those at rest or in flight (a
   * bumped generation makes an evaluation's settle leave the row dirty). A row
   * already waiting for its evaluation is left alone: it will see the change,
   * and a shared file name (`Part 1.mp4`) would otherwise rewrite hundreds of
   * rows per event. Locks in key order, so concurrent marks wait, never deadlock.
   */
  private async bump(m: EntityManager, where: string, params: unknown[] = []): Promise<number> {
    const [, n]: [unknown, number] = await m.query(
      `UPDATE orchestrator.sheet_rows r SET generation = r.generation + 1, updated_at = now()
       FROM (SELECT sheet_id, row_key FROM orchestrator.sheet_rows
             WHERE NOT removed AND (generation = settled_generation OR ${IN_FLIGHT}) AND (${where})
             ORDER BY sheet_id, row_key FOR UPDATE) t
       WHERE r.sheet_id = t.sheet_id AND r.row_key = t.row_key`,
      params,
    );
    return n;
  }

  /**
   * Block C changed a row's clip on its own (analysis, a probe): evaluate the
   * row again unless it is being evaluated right now (that evaluation sees it).
   */
  async markIfClipDiffers(m: EntityManager, sourceRowKey: string, clipId: string, status: 'valid' | 'invalid') {
    await m.query(
      `UPDATE orchestrator.sheet_rows SET generation = generation + 1, updated_at = now()
       WHERE sheet_id || ':' || row_key = $1 AND NOT removed AND generation = settled_generation
         AND (lease_until IS NULL OR lease_until < clock_timestamp())
         AND (clip_id IS DISTINCT FROM $2 OR outcome <> $3)`,
      [sourceRowKey, clipId, status === 'valid' ? 'clip' : 'invalid'],
    );
  }

  /** Leases up to `limit` due dirty rows; other replicas skip them until the lease ends. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedRow[]> {
    return updated<ClaimedRow>(
      this.dataSource.manager,
      `UPDATE orchestrator.sheet_rows r SET lease_until = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
       FROM (SELECT sheet_id, row_key FROM orchestrator.sheet_rows
             WHERE generation > settled_generation
               AND (next_attempt_at IS NULL OR next_attempt_at <= clock_timestamp())
               AND (lease_until IS NULL OR lease_until < clock_timestamp())
             ORDER BY next_attempt_at NULLS FIRST, updated_at
             LIMIT $1 FOR UPDATE SKIP LOCKED) due
       WHERE r.sheet_id = due.sheet_id AND r.row_key = due.row_key
       RETURNING r.sheet_id, r.row_key, r.tab, r.row_number, r.file_name, r.nas_folder_link, r.change, r.removed,
         r.correlation_id, r.generation::text AS generation, r.outcome, r.reason, r.reasons, r.clip_id,
         r.video_file_id, r.episode_id, r.last_error, r.attempts`,
      [limit, leaseMs],
    );
  }

  /** Keeps the leases of rows still being evaluated. */
  async renewLeases(keys: { sheet_id: string; row_key: string }[], leaseMs: number): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE orchestrator.sheet_rows SET lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
       WHERE (sheet_id, row_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.sheet_id), keys.map((k) => k.row_key), leaseMs],
    );
  }

  /** Records the evaluated generation's outcome; answers the row as it now stands. */
  async settle(m: EntityManager, row: ClaimedRow, fields: SettledFields): Promise<RowOutcomeRecord> {
    const rows = await updated<RowRecordRow>(
      m,
      `UPDATE orchestrator.sheet_rows SET outcome = $4, reason = $5, reasons = $6, clip_id = $7, video_file_id = $8,
         episode_id = $9, last_error = NULL, attempts = 0, next_attempt_at = NULL, lease_until = NULL,
         settled_generation = GREATEST(settled_generation, $3::bigint), updated_at = now()
       WHERE sheet_id = $1 AND row_key = $2
       RETURNING ${ROW_COLUMNS}`,
      [
        row.sheet_id,
        row.row_key,
        row.generation,
        fields.outcome,
        fields.reason,
        JSON.stringify(fields.reasons),
        fields.clip_id,
        fields.video_file_id,
        fields.episode_id,
      ],
    );
    return toRecord(rows[0]!);
  }

  /** A block did not answer: the row is pending, tried again after `delayMs` (sooner if it changed meanwhile). */
  async postpone(m: EntityManager, row: ClaimedRow, error: string, delayMs: number): Promise<RowOutcomeRecord> {
    const rows = await updated<RowRecordRow>(
      m,
      `UPDATE orchestrator.sheet_rows SET outcome = 'pending', last_error = $4, attempts = attempts + 1,
         next_attempt_at = CASE WHEN generation = $3::bigint
           THEN clock_timestamp() + make_interval(secs => $5::float8 / 1000) ELSE next_attempt_at END,
         lease_until = NULL, updated_at = now()
       WHERE sheet_id = $1 AND row_key = $2
       RETURNING ${ROW_COLUMNS}`,
      [row.sheet_id, row.row_key, row.generation, error, delayMs],
    );
    return toRecord(rows[0]!);
  }

  /** Ends a lease without recording anything (shutdown mid-evaluation). */
  async release(keys: { sheet_id: string; row_key: string }[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE orchestrator.sheet_rows SET lease_until = NULL
       WHERE (sheet_id, row_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.sheet_id), keys.map((k) => k.row_key)],
    );
  }

  /** When the next pending row is due, if any (the reconciler sleeps until then). */
  async nextDueInMs(): Promise<number | null> {
    const [row] = await this.dataSource.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM min(COALESCE(next_attempt_at, clock_timestamp())) - clock_timestamp()) * 1000)::float8 AS ms
       FROM orchestrator.sheet_rows WHERE generation > settled_generation`,
    );
    return row?.ms ?? null;
  }

  /** Stored rows (removed ones only when asked for), by sheet and row number, a page at a time. */
  async list(q: RowQuery): Promise<{ rows: RowOutcomeRecord[]; next: string | null }> {
    const after = q.after ? decodeCursor(q.after) : null;
    const rows: (RowRecordRow & { cursor: string })[] = await this.dataSource.query(
      `SELECT ${ROW_COLUMNS}, sheet_id || E'\\x1f' || row_key AS cursor FROM orchestrator.sheet_rows
       WHERE ($1::text IS NULL AND outcome <> 'removed' OR outcome = $1)
         AND ($2::text IS NULL OR sheet_id = $2)
         AND ($3::text IS NULL OR (sheet_id, row_key) > ($3, $4))
       ORDER BY sheet_id, row_key LIMIT $5`,
      [q.outcome ?? null, q.sheetId ?? null, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      rows: page.map(({ cursor, ...r }) => (void cursor, toRecord(r))),
      next: rows.length > q.limit && last ? encodeCursor(last.sheet_id, last.row_key) : null,
    };
  }

  /** Rows needing an editor: no file, or still pending; newest first. */
  async needingAttention(limit: number): Promise<{ total: number; rows: RowOutcomeRecord[] }> {
    const where = `NOT removed AND (outcome IN ('unmatched', 'pending') OR (outcome IN ('clip', 'invalid') AND episode_id IS NULL))`;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM orchestrator.sheet_rows WHERE ${where}`,
    );
    const rows: RowRecordRow[] = await this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM orchestrator.sheet_rows WHERE ${where} ORDER BY updated_at DESC LIMIT $1`,
      [limit],
    );
    return { total: n, rows: rows.map(toRecord) };
  }

  /** Counts per outcome over the stored rows, and how many are still dirty. */
  async summary(): Promise<{ total: number; dirty: number; outcomes: Record<RowOutcome, number> }> {
    const rows: { outcome: RowOutcome; n: number; dirty: number }[] = await this.dataSource.query(
      `SELECT outcome, count(*)::int AS n, count(*) FILTER (WHERE generation > settled_generation)::int AS dirty
       FROM orchestrator.sheet_rows GROUP BY outcome`,
    );
    const outcomes = { pending: 0, clip: 0, invalid: 0, unmatched: 0, removed: 0 } as Record<RowOutcome, number>;
    let total = 0;
    let dirty = 0;
    for (const r of rows) {
      outcomes[r.outcome] = r.n;
      dirty += r.dirty;
      if (r.outcome !== 'removed') total += r.n;
    }
    return { total, dirty, outcomes };
  }
}

/**
 * A row a reconciler holds right now: bumping its generation makes its
 * settle leave it dirty, so it is evaluated once more with what changed.
 */
const IN_FLIGHT = `(generation > settled_generation AND lease_until > clock_timestamp())`;

/** TypeORM answers an UPDATE … RETURNING on Postgres as `[rows, count]`. */
async function updated<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await m.query(sql, params)) as [T[], number];
  return rows;
}

function encodeCursor(sheetId: string, rowKey: string): string {
  return Buffer.from(JSON.stringify([sheetId, rowKey])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')
      ? (value as [string, string])
      : null;
  } catch {
    return null;
  }
}
