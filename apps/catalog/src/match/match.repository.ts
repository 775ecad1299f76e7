import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScoredCandidate, TitleQuery } from './title-query';
import { SqlFragment, SqlStatement, joinSql, param, renderSql, sql } from './sql-fragment';

export type MatchStep = 'file' | 'exact' | 'fields' | 'fuzzy';

export interface StepCandidate extends ScoredCandidate {
  step: MatchStep;
}

const NONE = sql`SELECT NULL::uuid AS id, NULL::text AS title, NULL::text AS project_code, NULL::float8 AS score WHERE false`;

/** A file leads to its episode, or to the one that episode was merged into. */
const ofFiles = (where: SqlFragment) => sql`
      SELECT DISTINCT a.id, a.title, a.project_code, 1::float8 AS score
        FROM catalog.files f
        JOIN catalog.episodes e ON e.id = f.episode_id
        JOIN catalog.episodes a ON a.id = COALESCE(e.merged_into, e.id)
       WHERE ${where}`;

/**
 * SQL of `match_episode`: every step in one statement, so a title costs one
 * round trip whichever step answers it. Each step runs only when the ones
 * before found nothing (Postgres evaluates those `NOT EXISTS` once, as
 * one-time filters). Retired (merged) episodes are never answered: a key,
 * a file or a name that leads to one answers the episode it was merged into.
 * Values are bound through fragments, so a step left out binds nothing.
 */
export function candidatesStatement(q: TitleQuery, videoFileId: string | null, threshold: number): SqlStatement {
  const byFile = videoFileId === null ? NONE : ofFiles(sql`f.id = ${videoFileId}`);
  const exact =
    q.fileNameKey === ''
      ? NONE
      : sql`${ofFiles(sql`f.name_key = ${q.fileNameKey} AND NOT EXISTS (SELECT 1 FROM by_file)`)} LIMIT 10`;
  // The title's fuzzy text, shared by the fields score and the fuzzy step (one placeholder).
  const text = param(q.fuzzy);

  let fields = NONE;
  const f = q.fields;
  if (f !== null) {
    const where = [sql`e.project_code = ${f.projectCode}`];
    if (f.seasonNumber !== null) where.push(sql`e.season_number = ${f.seasonNumber}`);
    else if (f.year !== null) where.push(sql`e.year = ${f.year}`);
    if (f.eventNumber !== null && f.eventNameKey !== null)
      where.push(
        sql`(e.event_number = ${f.eventNumber} OR (e.event_number IS NULL AND e.event_name_key = ${f.eventNameKey}))`,
      );
    else if (f.eventNumber !== null) where.push(sql`e.event_number = ${f.eventNumber}`);
    else if (f.eventNameKey !== null) where.push(sql`e.event_name_key = ${f.eventNameKey}`);
    if (f.locationKey !== null) where.push(sql`e.location_key IN (${f.locationKey}, '')`);
    const slot = f.slot;
    if (slot?.episodeNumber != null) where.push(sql`e.episode_number = ${slot.episodeNumber}`);
    else if (slot?.day) where.push(sql`e.day = ${slot.day}`);
    else if (slot?.airDate) where.push(sql`e.air_date = ${slot.airDate}::date`);
    else if (slot?.finalTable) where.push(sql`e.final_table`);
    // Score: the share of the title's trigrams the episode's search text has — what tells apart
    // episodes the fields cannot (`Main Evnt Day 2`), and ties when the title is silent about
    // what differs (`EPT 2023 Main Event Day 5` in Barcelona and in Prague).
    fields = sql`
        SELECT a.id, a.title, a.project_code,
               (SELECT count(*) FROM unnest(show_trgm(${text})) t WHERE t = ANY(show_trgm(a.search_text)))::float8
                 / greatest(cardinality(show_trgm(${text})), 1) AS score
          FROM (SELECT DISTINCT COALESCE(e.merged_into, e.id) AS id FROM catalog.episodes e
                 WHERE ${joinSql(where, ' AND ')} LIMIT 50) found
          JOIN catalog.episodes a ON a.id = found.id
         WHERE NOT EXISTS (SELECT 1 FROM by_file) AND NOT EXISTS (SELECT 1 FROM exact)
         ORDER BY score DESC, a.id LIMIT 10`;
  }

  // Fuzzy: the nearest search texts by trigram distance (GiST, nearest first), among episodes
  // that do not contradict what the title says; only those similar enough count.
  let fuzzy = NONE;
  if (q.fuzzy !== '') {
    const facts = q.facts;
    const near = [sql`e.merged_into IS NULL`];
    if (facts.projectCode !== null) near.push(sql`e.project_code = ${facts.projectCode}`);
    if (facts.seasonNumber !== null)
      near.push(sql`(e.season_number = ${facts.seasonNumber} OR e.season_number IS NULL)`);
    if (facts.year !== null) near.push(sql`(e.year = ${facts.year} OR e.year IS NULL)`);
    if (facts.eventNumber !== null) near.push(sql`(e.event_number = ${facts.eventNumber} OR e.event_number IS NULL)`);
    const slot = facts.slot;
    if (slot?.episodeNumber != null) near.push(sql`e.episode_number = ${slot.episodeNumber}`);
    if (slot?.day) near.push(sql`e.day = ${slot.day}`);
    if (slot?.airDate) near.push(sql`e.air_date = ${slot.airDate}::date`);
    // A project and its season or year leave a few dozen episodes: rank them all (a btree finds
    // them). Otherwise walk the GiST index nearest first instead of ranking thousands.
    const narrow = facts.projectCode !== null && (facts.year !== null || facts.seasonNumber !== null);
    const ordered = narrow ? sql`similarity(e.search_text, ${text}) DESC` : sql`e.search_text <-> ${text}`;
    fuzzy = sql`SELECT * FROM (
             SELECT e.id, e.title, e.project_code, similarity(e.search_text, ${text})::float8 AS score
               FROM catalog.episodes e
              WHERE ${joinSql(near, ' AND ')}
                AND NOT EXISTS (SELECT 1 FROM by_file) AND NOT EXISTS (SELECT 1 FROM exact)
                AND NOT EXISTS (SELECT 1 FROM fields)
              ORDER BY ${ordered} LIMIT 5) nearest
            WHERE score >= ${threshold}
            ORDER BY score DESC, id`;
  }

  return renderSql(sql`WITH by_file AS MATERIALIZED (${byFile}),
            exact AS MATERIALIZED (${exact}),
            fields AS MATERIALIZED (${fields}),
            fuzzy AS MATERIALIZED (${fuzzy})
       SELECT 'file' AS step, id, title, project_code, score FROM by_file
       UNION ALL SELECT 'exact', id, title, project_code, score FROM exact
       UNION ALL SELECT 'fields', id, title, project_code, score FROM fields
       UNION ALL SELECT 'fuzzy', id, title, project_code, score FROM fuzzy`);
}

@Injectable()
export class MatchRepository {
  async candidates(
    m: EntityManager,
    q: TitleQuery,
    videoFileId: string | null,
    threshold: number,
  ): Promise<StepCandidate[]> {
    const { text, params } = candidatesStatement(q, videoFileId, threshold);
    return m.query(text, params);
  }
}
