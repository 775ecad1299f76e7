import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DbGate } from '../http/db-gate';
import type { ClipRow, FileRow } from './views';

export interface ClipFilter {
  episode?: string;
  file?: string;
  tag?: string;
  player?: string;
  project?: string;
  year?: number;
  status?: 'valid' | 'invalid';
  /** Only these clip ids (a search's clips, for exports). */
  ids?: string[];
}

export interface FileFilter {
  unmatched?: boolean;
  project?: string;
  episode?: string;
  status?: 'present' | 'missing';
}

export interface CountRow {
  seasons: number;
  events: number;
  episodes: number;
  files: number;
  clips: number;
}

/**
 * A clip with its effective episode, project and year (from its search
 * document: the clip's own episode, else its file's), its file and the sheet
 * row it came from.
 */
const CLIP_SELECT = `
  SELECT c.id, c.video_file_id, c.source_sheet, c.source_row_key, c.hand_no, c.players_text, c.players,
         c.description, c.in_text, c.out_text, c.in_frame, c.out_frame, c.rate_num, c.rate_den, c.drop_frame,
         c.duration_s, c.status, c.reasons, c.tags, c.version, c.created_at::text AS created_key,
         d.project_code, d.year, d.episode_id, ep.title AS episode_title, f.file_name, f.root, f.path,
         (f.media->>'duration_s')::float8 AS file_duration_s,
         r.sheet_id AS row_sheet_id, r.tab AS row_tab, r.row_number
    FROM search.clips c
    LEFT JOIN search.documents d ON d.doc_id = 'clip:' || c.id
    LEFT JOIN search.episodes ep ON ep.id = d.episode_id
    LEFT JOIN search.files f ON f.id = c.video_file_id
    LEFT JOIN LATERAL (SELECT sr.sheet_id, sr.tab, sr.row_number FROM search.sheet_rows sr
                        WHERE sr.clip_id = c.id ORDER BY sr.updated_at DESC LIMIT 1) r ON true`;

const FILE_SELECT = `
  SELECT f.id, f.root, f.path, f.file_name, f.size, f.mtime, f.status, f.parsed, f.media, pl.role,
         coalesce(ep.project_code, pl.project_code, f.parsed->>'project') AS project_code,
         ep.id AS episode_id, ep.title AS episode_title,
         (SELECT count(*)::int FROM search.clips c WHERE c.video_file_id = f.id) AS clips
    FROM search.files f
    LEFT JOIN search.file_placements pl ON pl.file_id = f.id
    LEFT JOIN search.episodes ep0 ON ep0.id = pl.episode_id
    LEFT JOIN search.episodes ep ON ep.id = coalesce(ep0.merged_into, ep0.id)`;

/** Counts below a scope, from the documents (which know each file's and clip's effective place). */
const counts = (scope: string) => `
  (SELECT count(*)::int FROM search.documents d WHERE d.kind = 'file' AND ${scope}) AS files,
  (SELECT count(*)::int FROM search.documents d WHERE d.kind = 'clip' AND ${scope}) AS clips`;

/** All reads of the browse endpoints (live read model). */
@Injectable()
export class BrowseRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: DbGate,
  ) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.gate.run(() => this.dataSource.query(sql, params));
  }

  projects(code?: string): Promise<({ code: string; name: string; aliases: string[] } & CountRow)[]> {
    return this.query(
      `SELECT p.code, p.name, p.aliases,
              (SELECT count(*)::int FROM search.seasons s WHERE s.project_code = p.code) AS seasons,
              (SELECT count(*)::int FROM search.events ev JOIN search.seasons s ON s.id = ev.season_id
                WHERE s.project_code = p.code) AS events,
              (SELECT count(*)::int FROM search.episodes e WHERE e.project_code = p.code AND e.merged_into IS NULL) AS episodes,
              ${counts('d.project_code = p.code')}
         FROM search.projects p WHERE ($1::text IS NULL OR p.code = $1) ORDER BY p.code`,
      [code ?? null],
    );
  }

  /** A project code as written in any case. */
  async projectCode(code: string): Promise<string | null> {
    const rows = await this.query<{ code: string }>(`SELECT code FROM search.projects WHERE lower(code) = lower($1)`, [
      code,
    ]);
    return rows[0]?.code ?? null;
  }

  seasonsOf(projectCode: string) {
    return this.query<{ id: string; year: number | null; number: number | null } & CountRow>(
      `SELECT s.id, s.year, s.number, 1 AS seasons,
              (SELECT count(*)::int FROM search.events ev WHERE ev.season_id = s.id) AS events,
              (SELECT count(*)::int FROM search.episodes e WHERE e.season_id = s.id AND e.merged_into IS NULL) AS episodes,
              ${counts('d.episode_id IN (SELECT e.id FROM search.episodes e WHERE e.season_id = s.id)')}
         FROM search.seasons s WHERE s.project_code = $1
        ORDER BY s.year DESC NULLS LAST, s.number DESC NULLS LAST, s.id`,
      [projectCode],
    );
  }

  async season(id: string) {
    const rows = await this.query<{
      id: string;
      year: number | null;
      number: number | null;
      project_code: string;
      project_name: string;
    }>(
      `SELECT s.id, s.year, s.number, s.project_code, coalesce(p.name, s.project_code) AS project_name
         FROM search.seasons s LEFT JOIN search.projects p ON p.code = s.project_code WHERE s.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  eventsOf(seasonId: string) {
    return this.query<EventRow & CountRow>(
      `SELECT ev.*, 1 AS seasons, 1 AS events,
              (SELECT count(*)::int FROM search.episodes e WHERE e.event_id = ev.id AND e.merged_into IS NULL) AS episodes,
              ${counts('d.episode_id IN (SELECT e.id FROM search.episodes e WHERE e.event_id = ev.id)')}
         FROM search.events ev WHERE ev.season_id = $1 ORDER BY ev.number NULLS LAST, ev.name NULLS FIRST, ev.id`,
      [seasonId],
    );
  }

  async event(id: string) {
    const rows = await this.query<
      EventRow & { year: number | null; season_number: number | null; project_code: string; project_name: string }
    >(
      `SELECT ev.*, s.year, s.number AS season_number, s.project_code, coalesce(p.name, s.project_code) AS project_name
         FROM search.events ev JOIN search.seasons s ON s.id = ev.season_id
         LEFT JOIN search.projects p ON p.code = s.project_code WHERE ev.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  episodesOf(eventId: string) {
    return this.query<EpisodeRow & { files: number; clips: number }>(
      `SELECT e.*, ${counts('d.episode_id = e.id')}
         FROM search.episodes e WHERE e.event_id = $1 AND e.merged_into IS NULL
        ORDER BY e.air_date NULLS LAST, e.episode_number NULLS LAST, e.day NULLS LAST, e.title, e.id`,
      [eventId],
    );
  }

  /** An episode (a merged one answers as the one it was merged into). */
  async episode(id: string) {
    const rows = await this.query<
      EpisodeRow & {
        year: number | null;
        season_number: number | null;
        project_name: string;
        event_number: number | null;
        event_name: string | null;
      }
    >(
      `SELECT e.*, s.year, s.number AS season_number, coalesce(p.name, e.project_code) AS project_name,
              ev.number AS event_number, ev.name AS event_name
         FROM search.episodes e0
         JOIN search.episodes e ON e.id = coalesce(e0.merged_into, e0.id)
         JOIN search.seasons s ON s.id = e.season_id
         LEFT JOIN search.events ev ON ev.id = e.event_id
         LEFT JOIN search.projects p ON p.code = e.project_code
        WHERE e0.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  filesOfEpisode(episodeId: string): Promise<FileRow[]> {
    return this.query(`${FILE_SELECT} WHERE ep.id = $1 ORDER BY f.root, f.path, f.id`, [episodeId]);
  }

  clipsOfEpisode(episodeId: string): Promise<ClipRow[]> {
    return this.query(`${CLIP_SELECT} WHERE d.episode_id = $1 ORDER BY c.in_frame NULLS LAST, c.created_at, c.id`, [
      episodeId,
    ]);
  }

  private clipWhere(filter: ClipFilter, params: unknown[]): string {
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.episode) where.push(`d.episode_id = ${p(filter.episode)}`);
    if (filter.file) where.push(`c.video_file_id = ${p(filter.file)}`);
    if (filter.tag) where.push(`c.tag_keys @> ARRAY[${p(filter.tag)}::text]`);
    if (filter.player) where.push(`c.player_keys @> ARRAY[${p(filter.player)}::text]`);
    if (filter.project) where.push(`lower(d.project_code) = lower(${p(filter.project)})`);
    if (filter.year !== undefined) where.push(`d.year = ${p(filter.year)}`);
    if (filter.status) where.push(`c.status = ${p(filter.status)}`);
    if (filter.ids) where.push(`c.id = ANY(${p(filter.ids)}::text[])`);
    return where.length ? where.join(' AND ') : 'true';
  }

  /** Clips oldest first, after the keyset `after` (created_at text, id). */
  async clips(filter: ClipFilter, after: [string, string] | null, limit: number): Promise<ClipRow[]> {
    const params: unknown[] = [];
    const where = this.clipWhere(filter, params);
    params.push(after?.[0] ?? null, after?.[1] ?? null, limit);
    const n = params.length;
    return this.query(
      `${CLIP_SELECT} WHERE ${where}
         AND ($${n - 2}::timestamptz IS NULL OR (c.created_at, c.id) > ($${n - 2}::timestamptz, $${n - 1}::text))
       ORDER BY c.created_at, c.id LIMIT $${n}`,
      params,
    );
  }

  async countClips(filter: ClipFilter): Promise<number> {
    const params: unknown[] = [];
    const where = this.clipWhere(filter, params);
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM search.clips c LEFT JOIN search.documents d ON d.doc_id = 'clip:' || c.id
        WHERE ${where}`,
      params,
    );
    return row?.n ?? 0;
  }

  async clip(id: string): Promise<ClipRow | null> {
    const rows = await this.query<ClipRow>(`${CLIP_SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private fileWhere(filter: FileFilter, params: unknown[]): string {
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.unmatched) where.push(`f.status = 'present' AND ep.id IS NULL`);
    if (filter.status) where.push(`f.status = ${p(filter.status)}`);
    if (filter.episode) where.push(`ep.id = ${p(filter.episode)}`);
    if (filter.project)
      where.push(
        `lower(coalesce(ep.project_code, pl.project_code, f.parsed->>'project')) = lower(${p(filter.project)})`,
      );
    return where.length ? where.join(' AND ') : 'true';
  }

  async files(filter: FileFilter, after: [string, string, string] | null, limit: number): Promise<FileRow[]> {
    const params: unknown[] = [];
    const where = this.fileWhere(filter, params);
    params.push(after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit);
    const n = params.length;
    return this.query(
      `${FILE_SELECT} WHERE ${where}
         AND ($${n - 3}::text IS NULL OR (f.root, f.path, f.id) > ($${n - 3}::text, $${n - 2}::text, $${n - 1}::text))
       ORDER BY f.root, f.path, f.id LIMIT $${n}`,
      params,
    );
  }

  async countFiles(filter: FileFilter): Promise<number> {
    const params: unknown[] = [];
    const where = this.fileWhere(filter, params);
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM search.files f
         LEFT JOIN search.file_placements pl ON pl.file_id = f.id
         LEFT JOIN search.episodes ep0 ON ep0.id = pl.episode_id
         LEFT JOIN search.episodes ep ON ep.id = coalesce(ep0.merged_into, ep0.id)
        WHERE ${where}`,
      params,
    );
    return row?.n ?? 0;
  }

  async file(id: string): Promise<FileRow | null> {
    const rows = await this.query<FileRow>(`${FILE_SELECT} WHERE f.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Rows that need an editor: stored rows by outcome, and the sheet's own bad
   * and duplicate rows, in sheet order; keyset (sheet, tab, row, stage, key).
   */
  async rows(
    outcomes: string[],
    sheet: string | undefined,
    after: [string, string, number, string, string] | null,
    limit: number,
  ): Promise<RowRecord[]> {
    return this.query(
      `SELECT * FROM (${ROWS_UNION}) r
        WHERE ($3::text IS NULL OR (r.sheet_id, r.tab, r.row_number, r.stage, r.sort_key) > ($3, $4, $5::int, $6, $7))
        ORDER BY r.sheet_id, r.tab, r.row_number, r.stage, r.sort_key LIMIT $8`,
      [outcomes, sheet ?? null, ...(after ?? [null, null, null, null, null]), limit],
    );
  }

  async countRows(outcomes: string[], sheet: string | undefined): Promise<number> {
    const [row] = await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${ROWS_UNION}) r`, [
      outcomes,
      sheet ?? null,
    ]);
    return row?.n ?? 0;
  }

  async rowsSummary() {
    const outcomes = await this.query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM search.sheet_rows GROUP BY outcome`,
    );
    const problems = await this.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM search.sheet_problems GROUP BY kind`,
    );
    const sheets = await this.query<{
      sheet_id: string;
      status: string;
      rows_read: number;
      invalid: number;
      duplicates: number;
      error: string | null;
      synced_at: Date;
    }>(
      `SELECT sheet_id, status, rows_read, invalid, duplicates, error, synced_at FROM search.sheet_syncs ORDER BY sheet_id`,
    );
    return { outcomes, problems, sheets };
  }
}

export interface EventRow {
  id: string;
  season_id: string;
  number: number | null;
  name: string | null;
  buy_in: number | null;
  currency: string | null;
  game: string | null;
  location: string | null;
}

export interface EpisodeRow {
  id: string;
  season_id: string;
  event_id: string;
  project_code: string;
  title: string;
  day: string | null;
  episode_number: number | null;
  air_date: string | null;
  final_table: boolean;
}

export interface RowRecord {
  stage: 'row' | 'sheet';
  outcome: string;
  sheet_id: string;
  tab: string;
  row_number: number;
  row_key: string | null;
  file_name: string | null;
  nas_folder_link: string | null;
  reason: string | null;
  reasons: string[];
  clip_id: string | null;
  video_file_id: string | null;
  episode_id: string | null;
  last_error: string | null;
  attempts: number;
  duplicate_of: number | null;
  updated_at: Date;
  sort_key: string;
}

/** $1: outcomes wanted, $2: sheet id or null. */
const ROWS_UNION = `
  SELECT 'row' AS stage, s.outcome, s.sheet_id, s.tab, s.row_number, s.row_key, s.file_name, s.nas_folder_link,
         s.reason, s.reasons, s.clip_id, s.video_file_id, s.episode_id, s.last_error, s.attempts,
         NULL::int AS duplicate_of, s.updated_at, s.row_key AS sort_key
    FROM search.sheet_rows s
   WHERE s.outcome = ANY($1::text[]) AND ($2::text IS NULL OR s.sheet_id = $2)
  UNION ALL
  SELECT 'sheet', p.kind, p.sheet_id, p.tab, p.row_number, NULL, NULL, NULL, p.reason, ARRAY[p.reason], NULL, NULL,
         NULL, NULL, 0, p.duplicate_of, p.synced_at, p.kind
    FROM search.sheet_problems p
   WHERE p.kind = ANY($1::text[]) AND ($2::text IS NULL OR p.sheet_id = $2)`;
