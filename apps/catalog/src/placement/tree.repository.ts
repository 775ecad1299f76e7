import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';
import type { EventFacts, FileRole, SeasonKey } from './natural-key';

export interface EventRow {
  id: string;
  number: number | null;
  name: string | null;
  name_key: string | null;
  location: string | null;
  buy_in: number | null;
  game: string | null;
}

export interface NewEpisode {
  seasonId: string;
  eventId: string;
  naturalKey: string;
  /** The keys of its project, season and event, repeated for match_episode. */
  projectCode: string;
  year: number | null;
  seasonNumber: number | null;
  eventNumber: number | null;
  eventNameKey: string | null;
  locationKey: string;
  episodeNumber: number | null;
  day: string | null;
  airDate: string | null;
  finalTable: boolean;
  title: string;
  searchText: string;
}

export interface FileUpsert {
  id: string;
  root: string;
  path: string;
  fileName: string;
  nameKey: string;
  size: number | null;
  parsed: ParsedMetadata | null;
  parserVersion: number;
  projectCode: string | null;
  /** The episode the name maps to (followed to its merge target in SQL); null: unsorted. */
  episodeId: string | null;
  role: FileRole;
  eventAt: string;
}

/** A file the NAS no longer sees. */
export interface MissingFile {
  id: string;
  root: string;
  path: string;
  fileName: string;
  nameKey: string;
  missingSince: string;
  eventAt: string;
}

/** What an episode's title is made of. */
export interface EpisodeTitleRow {
  id: string;
  title: string;
  search_text: string;
  project_name: string;
  project_code: string;
  year: number | null;
  season_number: number | null;
  event_number: number | null;
  event_name: string | null;
  location: string | null;
  episode_number: number | null;
  day: string | null;
  air_date: string | null;
  final_table: boolean;
}

const EVENT_COLUMNS = `id, number, name, name_key, location, buy_in::float8 AS buy_in, game`;

const EPISODE_TITLE_SELECT = `
  SELECT e.id, e.title, e.search_text, p.name AS project_name, p.code AS project_code,
         s.year, s.number AS season_number, ev.number AS event_number, ev.name AS event_name, ev.location,
         e.episode_number, e.day, to_char(e.air_date, 'YYYY-MM-DD') AS air_date, e.final_table
    FROM catalog.episodes e
    JOIN catalog.seasons s ON s.id = e.season_id
    JOIN catalog.projects p ON p.id = s.project_id
    JOIN catalog.events ev ON ev.id = e.event_id`;

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A named statement on the transaction's own connection: Postgres parses and
 * plans it once per connection instead of once per NAS event. Outside a
 * transaction (no query runner) it is an ordinary query.
 */
async function prepared<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = m.queryRunner as unknown as { connect?: () => Promise<PgClient> } | undefined;
  if (!runner?.connect) return m.query(text, values);
  const client = await runner.connect();
  return (await client.query({ name: `catalog_${name}`, text, values })).rows as T[];
}

/**
 * SQL of the tree (seasons, events, episodes) and the files placed in it.
 * Each level is found or created in one statement: INSERT … ON CONFLICT DO
 * UPDATE returns the row whether this statement inserted it (`created`),
 * found it, or waited for another transaction that was inserting it — a
 * plain SELECT could not see a row committed after its snapshot. The update
 * sets no column of a unique key, so its row lock does not block the
 * foreign-key checks of concurrent inserts below that row (which would
 * deadlock with them).
 */
@Injectable()
export class TreeRepository {
  async findOrCreateSeason(
    m: EntityManager,
    projectId: string,
    key: SeasonKey,
  ): Promise<{ id: string; created: boolean }> {
    const [row] = await prepared<{ id: string; created: boolean }>(
      m,
      'season',
      `INSERT INTO catalog.seasons AS s (project_id, year, number) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT seasons_natural_key DO UPDATE SET created_at = s.created_at
       RETURNING id, (xmax = 0) AS created`,
      [projectId, key.year, key.number],
    );
    return row;
  }

  /**
   * The event with this natural key, created if needed, with what the file
   * says about it filled in where the row knew nothing (never overwritten).
   * `renamed`: it gained a number or name, so its episodes' titles are stale.
   */
  async upsertEvent(
    m: EntityManager,
    seasonId: string,
    facts: EventFacts,
  ): Promise<{ row: EventRow; created: boolean; renamed: boolean }> {
    const [result] = await prepared<EventRow & { created: boolean; renamed: boolean }>(
      m,
      'event',
      `WITH old AS (
         SELECT number, name FROM catalog.events WHERE season_id = $1 AND location_key = $2 AND ident = $3),
       up AS (
         INSERT INTO catalog.events AS ev
           (season_id, location_key, ident, number, name, name_key, location, buy_in, currency, game)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT events_natural_key DO UPDATE SET
           number = COALESCE(ev.number, EXCLUDED.number),
           name = COALESCE(ev.name, EXCLUDED.name),
           name_key = COALESCE(ev.name_key, EXCLUDED.name_key),
           location = COALESCE(ev.location, EXCLUDED.location),
           currency = CASE WHEN ev.buy_in IS NULL THEN EXCLUDED.currency ELSE ev.currency END,
           buy_in = COALESCE(ev.buy_in, EXCLUDED.buy_in),
           game = COALESCE(ev.game, EXCLUDED.game)
         RETURNING ${EVENT_COLUMNS}, (xmax = 0) AS created)
       SELECT up.*, NOT up.created AND (old.number IS DISTINCT FROM up.number OR old.name IS DISTINCT FROM up.name)
              AS renamed
         FROM up LEFT JOIN old ON true`,
      [
        seasonId,
        facts.locationKey,
        facts.ident,
        facts.number,
        facts.name,
        facts.nameKey,
        facts.location,
        facts.buyIn,
        facts.currency,
        facts.game,
      ],
    );
    const { created, renamed, ...row } = result;
    return { row, created, renamed };
  }

  /** The episode with this natural key, created if needed; `created` only for the transaction that inserted it. */
  async findOrCreateEpisode(
    m: EntityManager,
    e: NewEpisode,
  ): Promise<{ id: string; event_id: string; created: boolean }> {
    const [row] = await prepared<{ id: string; event_id: string; created: boolean }>(
      m,
      'episode',
      `INSERT INTO catalog.episodes AS e
         (season_id, event_id, natural_key, episode_number, day, air_date, final_table, title, search_text,
          project_code, year, season_number, event_number, event_name_key, location_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT ON CONSTRAINT episodes_natural_key DO UPDATE SET updated_at = e.updated_at
       RETURNING id, event_id, (xmax = 0) AS created`,
      [
        e.seasonId,
        e.eventId,
        e.naturalKey,
        e.episodeNumber,
        e.day,
        e.airDate,
        e.finalTable,
        e.title,
        e.searchText,
        e.projectCode,
        e.year,
        e.seasonNumber,
        e.eventNumber,
        e.eventNameKey,
        e.locationKey,
      ],
    );
    return row;
  }

  /**
   * Moves a season-numbered episode out of its season's catch-all event into
   * the event a file names (`WPT S22E03 Lucky Hearts Poker Open`); an episode
   * already in a named event stays. `unseen`: the episode is another
   * transaction's, not committed yet.
   */
  async moveEpisodeOutOfDefaultEvent(
    m: EntityManager,
    episodeId: string,
    eventId: string,
  ): Promise<'moved' | 'stays' | 'unseen'> {
    const [row]: { seen: number; moved: number }[] = await m.query(
      `WITH target AS (
         SELECT e.id, ev.location_key = '' AND ev.ident = '' AND e.event_id <> $2 AS movable
           FROM catalog.episodes e JOIN catalog.events ev ON ev.id = e.event_id
          WHERE e.id = $1),
       moved AS (
         UPDATE catalog.episodes e SET event_id = $2, event_number = ne.number, event_name_key = ne.name_key,
                location_key = ne.location_key, updated_at = now()
           FROM target t, catalog.events ne WHERE e.id = t.id AND t.movable AND ne.id = $2
         RETURNING e.id)
       SELECT (SELECT count(*) FROM target)::int AS seen, (SELECT count(*) FROM moved)::int AS moved`,
      [episodeId, eventId],
    );
    return row.moved > 0 ? 'moved' : row.seen > 0 ? 'stays' : 'unseen';
  }

  async episodeTitleRows(m: EntityManager, where: string, params: unknown[]): Promise<EpisodeTitleRow[]> {
    return m.query(`${EPISODE_TITLE_SELECT} WHERE NOT e.title_locked AND ${where} ORDER BY e.id`, params);
  }

  /** The event keys repeated on episodes, after events learnt their number or name (null: all events). */
  async refreshEventKeys(m: EntityManager, eventIds: string[] | null): Promise<number> {
    const [rows] = (await m.query(
      `UPDATE catalog.episodes e SET event_number = ev.number, event_name_key = ev.name_key, location_key = ev.location_key
         FROM catalog.events ev
        WHERE ev.id = e.event_id AND ($1::uuid[] IS NULL OR e.event_id = ANY($1::uuid[]))
          AND (e.event_number, e.event_name_key, e.location_key) IS DISTINCT FROM (ev.number, ev.name_key, ev.location_key)
        RETURNING e.id`,
      [eventIds],
    )) as [unknown[], number];
    return rows.length;
  }

  async updateTitles(m: EntityManager, changes: { id: string; title: string; searchText: string }[]): Promise<void> {
    if (changes.length === 0) return;
    await m.query(
      `UPDATE catalog.episodes e SET title = c.title, search_text = c.search_text, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, title, search_text)
        WHERE e.id = c.id AND NOT e.title_locked`,
      [changes.map((c) => c.id), changes.map((c) => c.title), changes.map((c) => c.searchText)],
    );
  }

  /**
   * Inserts or updates files from NAS events, in one statement (the ids must
   * be distinct). A pinned file keeps its episode; an event older than the
   * last one applied changes nothing. The episode id is written as given
   * unless it was merged (one primary-key probe per row): an episode another
   * transaction just created is not visible yet, and the foreign key check
   * waits for that transaction instead.
   */
  async upsertFiles(m: EntityManager, files: readonly FileUpsert[]): Promise<void> {
    if (files.length === 0) return;
    await prepared(
      m,
      'upsert_files',
      `INSERT INTO catalog.files AS f
         (id, root, path, file_name, name_key, size, parsed, parser_version, project_code, episode_id, role,
          status, missing_since, event_at)
       SELECT u.id, u.root, u.path, u.file_name, u.name_key, u.size, u.parsed, u.parser_version, u.project_code,
              COALESCE((SELECT e.merged_into FROM catalog.episodes e WHERE e.id = u.episode_id), u.episode_id),
              u.role, 'present', NULL, u.event_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[], $8::int[],
                   $9::text[], $10::uuid[], $11::text[], $12::timestamptz[])
            AS u(id, root, path, file_name, name_key, size, parsed, parser_version, project_code, episode_id, role,
                 event_at)
       ON CONFLICT (id) DO UPDATE SET
         root = EXCLUDED.root, path = EXCLUDED.path, file_name = EXCLUDED.file_name, name_key = EXCLUDED.name_key,
         size = EXCLUDED.size, parsed = EXCLUDED.parsed, parser_version = EXCLUDED.parser_version,
         project_code = EXCLUDED.project_code, role = EXCLUDED.role,
         episode_id = CASE WHEN f.pinned THEN f.episode_id ELSE EXCLUDED.episode_id END,
         status = 'present', missing_since = NULL, event_at = EXCLUDED.event_at, updated_at = now()
       WHERE f.event_at <= EXCLUDED.event_at`,
      [
        files.map((f) => f.id),
        files.map((f) => f.root),
        files.map((f) => f.path),
        files.map((f) => f.fileName),
        files.map((f) => f.nameKey),
        files.map((f) => f.size),
        files.map((f) => (f.parsed === null ? null : JSON.stringify(f.parsed))),
        files.map((f) => f.parserVersion),
        files.map((f) => f.projectCode),
        files.map((f) => f.episodeId),
        files.map((f) => f.role),
        files.map((f) => f.eventAt),
      ],
    );
  }

  /**
   * Files the NAS no longer sees, in one statement (the ids must be
   * distinct): kept (with their episode) as missing. An unknown file gets a
   * tombstone, so an older `added` arriving late does not bring it back.
   */
  async markFilesMissing(m: EntityManager, files: readonly MissingFile[]): Promise<void> {
    if (files.length === 0) return;
    await prepared(
      m,
      'mark_files_missing',
      `INSERT INTO catalog.files AS f (id, root, path, file_name, name_key, status, missing_since, event_at)
       SELECT u.id, u.root, u.path, u.file_name, u.name_key, 'missing', u.missing_since, u.event_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
            AS u(id, root, path, file_name, name_key, missing_since, event_at)
       ON CONFLICT (id) DO UPDATE SET status = 'missing', missing_since = EXCLUDED.missing_since,
         event_at = EXCLUDED.event_at, updated_at = now()
       WHERE f.event_at <= EXCLUDED.event_at`,
      [
        files.map((f) => f.id),
        files.map((f) => f.root),
        files.map((f) => f.path),
        files.map((f) => f.fileName),
        files.map((f) => f.nameKey),
        files.map((f) => f.missingSince),
        files.map((f) => f.eventAt),
      ],
    );
  }
}
