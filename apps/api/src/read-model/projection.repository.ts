import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CatalogTreeSnapshot,
  ClipSnapshot,
  FilePlacement,
  MediaSummary,
  RowOutcomeRecord,
  SyncResult,
  VideoFile,
} from '@pokervod/contracts';
import { playerKey, splitPlayers, tagKey } from './players';
import type { TableSet } from './tables';

/** A NAS file as the read model stores it; `version`: when the fact was true (event or inventory time). */
export interface FileFact {
  file: VideoFile;
  status: 'present' | 'missing';
  missing_since: string | null;
  version: string;
}

/** What a tree replacement changed: the documents to rebuild. */
export interface TreeChanges {
  projects: string[];
  episodes: string[];
  seasons: string[];
  events: string[];
}

const baseName = (path: string): string => path.split('/').pop() ?? path;

/**
 * Every write of the read model, against one table set (live or the
 * reindex's shadow). Upserts are guarded by the version of the fact, so a
 * late or repeated event or an older snapshot never overwrites newer data;
 * each returns the ids it actually changed, for the search documents.
 */
@Injectable()
export class ProjectionRepository {
  async upsertFiles(m: EntityManager, ts: TableSet, facts: readonly FileFact[]): Promise<string[]> {
    if (facts.length === 0) return [];
    const records = facts.map(({ file, status, missing_since, version }) => ({
      id: file.id,
      root: file.root,
      path: file.path,
      file_name: baseName(file.path),
      size: file.size,
      mtime: file.mtime,
      content_hash: file.content_hash,
      parsed: file.parsed,
      media: file.media,
      status,
      missing_since,
      version,
    }));
    const rows: { id: string }[] = await m.query(
      `INSERT INTO ${ts.t('files')} AS f
         (id, root, path, file_name, size, mtime, content_hash, parsed, media, status, missing_since, version)
       SELECT r.id, r.root, r.path, r.file_name, r.size, r.mtime, r.content_hash, r.parsed, r.media, r.status,
              r.missing_since, r.version
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, root text, path text, file_name text, size bigint,
              mtime timestamptz, content_hash text, parsed jsonb, media jsonb, status text,
              missing_since timestamptz, version timestamptz)
       ON CONFLICT (id) DO UPDATE SET root = EXCLUDED.root, path = EXCLUDED.path, file_name = EXCLUDED.file_name,
         size = EXCLUDED.size, mtime = EXCLUDED.mtime, content_hash = EXCLUDED.content_hash,
         parsed = EXCLUDED.parsed, media = EXCLUDED.media, status = EXCLUDED.status,
         missing_since = EXCLUDED.missing_since, version = EXCLUDED.version
       WHERE f.version <= EXCLUDED.version
       RETURNING f.id`,
      [JSON.stringify(records)],
    );
    return rows.map((r) => r.id);
  }

  /** nas.file.removed: the file stays known, as missing (a row is made if it was never seen). */
  async markFileMissing(
    m: EntityManager,
    ts: TableSet,
    removed: { file_id: string; root: string; path: string; missing_since: string },
    version: string,
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO ${ts.t('files')} AS f (id, root, path, file_name, status, missing_since, version)
       VALUES ($1, $2, $3, $4, 'missing', $5, $6)
       ON CONFLICT (id) DO UPDATE SET status = 'missing', missing_since = EXCLUDED.missing_since,
         root = EXCLUDED.root, path = EXCLUDED.path, file_name = EXCLUDED.file_name, version = EXCLUDED.version
       WHERE f.version <= EXCLUDED.version
       RETURNING f.id`,
      [removed.file_id, removed.root, removed.path, baseName(removed.path), removed.missing_since, version],
    );
    return rows.map((r) => r.id);
  }

  /** nas.file.probed: the media summary of a file already known (a probe of an unknown file waits for its event). */
  async setFileMedia(
    m: EntityManager,
    ts: TableSet,
    fileId: string,
    media: MediaSummary | null,
    version: string,
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `UPDATE ${ts.t('files')} SET media = $2, version = $3 WHERE id = $1 AND version <= $3 RETURNING id`,
      [fileId, media === null ? null : JSON.stringify(media), version],
    );
    return rows.map((r) => r.id);
  }

  /** The catalog's whole tree above the files: upserted, and what it no longer has removed. */
  async replaceTree(m: EntityManager, ts: TableSet, tree: CatalogTreeSnapshot, prune = true): Promise<TreeChanges> {
    const projects = await this.sync(
      m,
      ts.t('projects'),
      'code',
      ['code', 'id', 'name', 'aliases'],
      'code text, id text, name text, aliases text[]',
      tree.projects.map((p) => ({ code: p.code, id: p.id, name: p.name, aliases: p.aliases })),
      prune,
    );
    const seasons = await this.sync(
      m,
      ts.t('seasons'),
      'id',
      ['id', 'project_code', 'year', 'number'],
      'id text, project_code text, year int, number int',
      tree.seasons,
      prune,
    );
    const events = await this.sync(
      m,
      ts.t('events'),
      'id',
      ['id', 'season_id', 'number', 'name', 'buy_in', 'currency', 'game', 'location'],
      'id text, season_id text, number int, name text, buy_in double precision, currency text, game text, location text',
      tree.events,
      prune,
    );
    const episodes = await this.sync(
      m,
      ts.t('episodes'),
      'id',
      [
        'id',
        'season_id',
        'event_id',
        'project_code',
        'title',
        'day',
        'episode_number',
        'air_date',
        'final_table',
        'merged_into',
      ],
      `id text, season_id text, event_id text, project_code text, title text, day text, episode_number int,
       air_date text, final_table boolean, merged_into text`,
      tree.episodes,
      prune,
    );
    return { projects, seasons, events, episodes };
  }

  /** Upserts `records` into `table` (changed rows only) and, with `prune`, deletes the rows whose key is not among them. */
  private async sync(
    m: EntityManager,
    table: string,
    key: string,
    columns: string[],
    types: string,
    records: readonly object[],
    prune: boolean,
  ): Promise<string[]> {
    const cols = columns.join(', ');
    const others = columns.filter((c) => c !== key);
    const changed: { key: string }[] = await m.query(
      `INSERT INTO ${table} AS t (${cols})
       SELECT ${cols} FROM jsonb_to_recordset($1::jsonb) AS r(${types})
       ON CONFLICT (${key}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${others.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${others.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING t.${key} AS key`,
      [JSON.stringify(records)],
    );
    if (!prune) return changed.map((r) => r.key);
    const removed: { key: string }[] = await m.query(
      `DELETE FROM ${table} WHERE NOT (${key} = ANY($1::text[])) RETURNING ${key} AS key`,
      [records.map((r) => (r as Record<string, string>)[key])],
    );
    return [...changed, ...removed].map((r) => r.key);
  }

  /** Where the catalog placed files: returns the files whose placement changed. */
  async upsertPlacements(m: EntityManager, ts: TableSet, placements: readonly FilePlacement[]): Promise<string[]> {
    if (placements.length === 0) return [];
    const rows: { file_id: string }[] = await m.query(
      `INSERT INTO ${ts.t('file_placements')} AS p (file_id, episode_id, project_code, role, pinned)
       SELECT r.file_id, r.episode_id, r.project_code, r.role, r.pinned
         FROM jsonb_to_recordset($1::jsonb) AS r(file_id text, episode_id text, project_code text, role text, pinned boolean)
       ON CONFLICT (file_id) DO UPDATE SET episode_id = EXCLUDED.episode_id, project_code = EXCLUDED.project_code,
         role = EXCLUDED.role, pinned = EXCLUDED.pinned
       WHERE (p.episode_id, p.project_code, p.role, p.pinned)
             IS DISTINCT FROM (EXCLUDED.episode_id, EXCLUDED.project_code, EXCLUDED.role, EXCLUDED.pinned)
       RETURNING p.file_id`,
      [
        JSON.stringify(
          placements.map(({ file_id, episode_id, project_code, role, pinned }) => ({
            file_id,
            episode_id,
            project_code,
            role,
            pinned,
          })),
        ),
      ],
    );
    return rows.map((r) => r.file_id);
  }

  /** Clips as block C holds them (removed ones are never brought back); returns the ids that changed. */
  async upsertClips(m: EntityManager, ts: TableSet, clips: readonly ClipSnapshot[]): Promise<string[]> {
    if (clips.length === 0) return [];
    const records = clips.map((c) => {
      const players = splitPlayers(c.players);
      return {
        id: c.id,
        video_file_id: c.video_file_id,
        episode_id: c.episode_id,
        source_sheet: c.source_sheet,
        source_row_key: c.source_row_key,
        hand_no: c.hand_no,
        players_text: c.players,
        players,
        player_keys: players.map(playerKey),
        description: c.description,
        in_text: c.in_text,
        out_text: c.out_text,
        in_frame: c.in_frame,
        out_frame: c.out_frame,
        rate_num: c.rate_num,
        rate_den: c.rate_den,
        drop_frame: c.drop_frame,
        duration_s: c.duration_s,
        video_duration_s: c.video_duration_s,
        status: c.status,
        reasons: c.reasons,
        tags: c.tags.map(({ name, category }) => ({ name, category })),
        tag_keys: [...new Set(c.tags.map((t) => tagKey(t.name)))],
        created_at: c.created_at,
        version: c.updated_at,
      };
    });
    const data = CLIP_COLUMNS.filter((c) => c !== 'id' && c !== 'version');
    const rows: { id: string }[] = await m.query(
      `INSERT INTO ${ts.t('clips')} AS c (${CLIP_COLUMNS.join(', ')})
       SELECT ${CLIP_COLUMNS.map((c) => `r.${c}`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(${CLIP_TYPES})
        WHERE NOT EXISTS (SELECT 1 FROM search.clip_tombstones t WHERE t.clip_id = r.id)
       ON CONFLICT (id) DO UPDATE SET ${[...data, 'version'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE c.version <= EXCLUDED.version
         AND (${data.map((c) => `c.${c}`).join(', ')}) IS DISTINCT FROM (${data.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING c.id`,
      [JSON.stringify(records)],
    );
    return rows.map((r) => r.id);
  }

  /** Clips that no longer exist; `tombstone`: also remember they are gone (once, not per table set). */
  async deleteClips(m: EntityManager, ts: TableSet, ids: readonly string[], tombstone: boolean): Promise<string[]> {
    if (ids.length === 0) return [];
    if (tombstone)
      await m.query(
        `INSERT INTO search.clip_tombstones (clip_id, removed_at) SELECT unnest($1::text[]), now()
         ON CONFLICT (clip_id) DO NOTHING`,
        [ids],
      );
    const rows: { id: string }[] = await m.query(
      `DELETE FROM ${ts.t('clips')} WHERE id = ANY($1::text[]) RETURNING id`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** sync.row.outcome (or a rows snapshot): the row's latest outcome wins. */
  async upsertRows(m: EntityManager, ts: TableSet, rows: readonly RowOutcomeRecord[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result: unknown[] = await m.query(
      `INSERT INTO ${ts.t('sheet_rows')} AS s (${ROW_COLUMNS.join(', ')})
       SELECT ${ROW_COLUMNS.map((c) => `r.${c}`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(${ROW_TYPES})
       ON CONFLICT (sheet_id, row_key) DO UPDATE SET
         ${ROW_COLUMNS.filter((c) => c !== 'sheet_id' && c !== 'row_key')
           .map((c) => `${c} = EXCLUDED.${c}`)
           .join(', ')}
       WHERE s.updated_at <= EXCLUDED.updated_at
       RETURNING 1`,
      [JSON.stringify(rows)],
    );
    return result.length;
  }

  /**
   * A sheet's result (sheets.sync.completed): its status, and its bad and
   * duplicate rows replaced — except in tabs that were not read (their
   * previous problems stay, as their rows do in block D).
   */
  async applySyncResult(m: EntityManager, ts: TableSet, result: SyncResult, syncedAt: string): Promise<boolean> {
    const saved: unknown[] = await m.query(
      `INSERT INTO ${ts.t('sheet_syncs')} AS s (sheet_id, status, rows_read, invalid, duplicates, error, unread, synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (sheet_id) DO UPDATE SET status = EXCLUDED.status, rows_read = EXCLUDED.rows_read,
         invalid = EXCLUDED.invalid, duplicates = EXCLUDED.duplicates, error = EXCLUDED.error,
         unread = EXCLUDED.unread, synced_at = EXCLUDED.synced_at
       WHERE s.synced_at <= EXCLUDED.synced_at
       RETURNING 1`,
      [
        result.sheet_id,
        result.status,
        result.rows_read,
        result.invalid.length,
        result.duplicates.length,
        result.error,
        JSON.stringify(result.unread),
        syncedAt,
      ],
    );
    if (saved.length === 0) return false; // an older result than the one applied
    const unreadTabs = result.unread.map((u) => u.tab);
    if (result.status === 'failed' || unreadTabs.includes('*')) return true;
    await m.query(`DELETE FROM ${ts.t('sheet_problems')} WHERE sheet_id = $1 AND NOT (tab = ANY($2::text[]))`, [
      result.sheet_id,
      unreadTabs,
    ]);
    const problems = [
      ...result.invalid.map((r) => ({
        tab: r.tab,
        row_number: r.row,
        kind: 'invalid',
        reason: r.reason,
        duplicate_of: null,
        row_id: null,
      })),
      ...result.duplicates.map((d) => ({
        tab: d.tab,
        row_number: d.row,
        kind: 'duplicate',
        reason: d.reason,
        duplicate_of: d.duplicate_of,
        row_id: d.id,
      })),
    ].filter((p) => !unreadTabs.includes(p.tab));
    if (problems.length > 0)
      await m.query(
        `INSERT INTO ${ts.t('sheet_problems')} (sheet_id, tab, row_number, kind, reason, duplicate_of, row_id, synced_at)
         SELECT $1, r.tab, r.row_number, r.kind, r.reason, r.duplicate_of, r.row_id, $3
           FROM jsonb_to_recordset($2::jsonb) AS r(tab text, row_number int, kind text, reason text, duplicate_of int, row_id text)
         ON CONFLICT (sheet_id, kind, tab, row_number) DO UPDATE SET reason = EXCLUDED.reason,
           duplicate_of = EXCLUDED.duplicate_of, row_id = EXCLUDED.row_id, synced_at = EXCLUDED.synced_at`,
        [result.sheet_id, JSON.stringify(problems), syncedAt],
      );
    return true;
  }
}

const CLIP_COLUMNS = [
  'id',
  'video_file_id',
  'episode_id',
  'source_sheet',
  'source_row_key',
  'hand_no',
  'players_text',
  'players',
  'player_keys',
  'description',
  'in_text',
  'out_text',
  'in_frame',
  'out_frame',
  'rate_num',
  'rate_den',
  'drop_frame',
  'duration_s',
  'video_duration_s',
  'status',
  'reasons',
  'tags',
  'tag_keys',
  'created_at',
  'version',
] as const;

const CLIP_TYPES = `id text, video_file_id text, episode_id text, source_sheet text, source_row_key text, hand_no text,
  players_text text, players text[], player_keys text[], description text, in_text text, out_text text,
  in_frame bigint, out_frame bigint, rate_num int, rate_den int, drop_frame boolean, duration_s double precision,
  video_duration_s double precision, status text, reasons text[], tags jsonb, tag_keys text[],
  created_at timestamptz, version timestamptz`;

const ROW_COLUMNS = [
  'sheet_id',
  'row_key',
  'tab',
  'row_number',
  'file_name',
  'nas_folder_link',
  'outcome',
  'reason',
  'reasons',
  'clip_id',
  'video_file_id',
  'episode_id',
  'last_error',
  'attempts',
  'updated_at',
] as const;

const ROW_TYPES = `sheet_id text, row_key text, tab text, row_number int, file_name text, nas_folder_link text,
  outcome text, reason text, reasons text[], clip_id text, video_file_id text, episode_id text, last_error text,
  attempts int, updated_at timestamptz`;
