import type { EntityManager } from 'typeorm';
import type { ScoredCandidate, TitleQuery } from './title-query';

export type MatchStep = 'file' | 'exact' | 'fields' | 'fuzzy';

export interface StepCandidate extends ScoredCandidate {
  step: MatchStep;
}

/** Builds the SQL text and its parameters side by side. */
class Sql {
  readonly params: unknown[] = [];
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/**
 * SQL of `match_episode`: every step in one statement, so a title costs one
 * round trip whichever step answers it. Each step runs only when the ones
 * before found nothing (Postgres evaluates those `NOT EXISTS` once, as
 * one-time filters). Retired (merged) episodes are never answered: a key,
 * a file or a name that leads to one answers the episode it was merged into.
 */
export class MatchRepository {
  async candidates(
    m: EntityManager,
    q: TitleQuery,
    videoFileId: string | null,
    threshold: number,
  ): Promise<StepCandidate[]> {
    const sql = new Sql();
    const none = `SELECT NULL::uuid AS id, NULL::text AS title, NULL::text AS project_code, NULL::float8 AS score WHERE false`;
    // A file leads to its episode, or to the one that episode was merged into.
    const ofFiles = (where: string) => `
      SELECT DISTINCT a.id, a.title, a.project_code, 1::float8 AS score
        FROM catalog.files f
        JOIN catalog.episodes e ON e.id = f.episode_id
        JOIN catalog.episodes a ON a.id = COALESCE(e.merged_into, e.id)
       WHERE ${where}`;
    const byFile = videoFileId === null ? none : ofFiles(`f.id = ${sql.param(videoFileId)}`);
    const exact =
      q.fileNameKey === ''
        ? none
        : `${ofFiles(`f.name_key = ${sql.param(q.fileNameKey)} AND NOT EXISTS (SELECT 1 FROM by_file)`)} LIMIT 10`;
    const text = sql.param(q.fuzzy);

    let fields = none;
    const f = q.fields;
    if (f !== null) {
      const where = [`e.project_code = ${sql.param(f.projectCode)}`];
      if (f.seasonNumber !== null) where.push(`e.season_number = ${sql.param(f.seasonNumber)}`);
      else if (f.year !== null) where.push(`e.year = ${sql.param(f.year)}`);
      if (f.eventNumber !== null && f.eventNameKey !== null) {
        const n = sql.param(f.eventNumber);
        where.push(
          `(e.event_number = ${n} OR (e.event_number IS NULL AND e.event_name_key = ${sql.param(f.eventNameKey)}))`,
        );
      } else if (f.eventNumber !== null) where.push(`e.event_number = ${sql.param(f.eventNumber)}`);
      else if (f.eventNameKey !== null) where.push(`e.event_name_key = ${sql.param(f.eventNameKey)}`);
      if (f.locationKey !== null) where.push(`e.location_key IN (${sql.param(f.locationKey)}, '')`);
      const slot = f.slot;
      if (slot?.episodeNumber != null) where.push(`e.episode_number = ${sql.param(slot.episodeNumber)}`);
      else if (slot?.day) where.push(`e.day = ${sql.param(slot.day)}`);
      else if (slot?.airDate) where.push(`e.air_date = ${sql.param(slot.airDate)}::date`);
      else if (slot?.finalTable) where.push(`e.final_table`);
      // Score: the share of the title's trigrams the episode's search text has — what tells apart
      // episodes the fields cannot (`Main Evnt Day 2`), and ties when the title is silent about
      // what differs (`EPT 2023 Main Event Day 5` in Barcelona and in Prague).
      fields = `
        SELECT a.id, a.title, a.project_code,
               (SELECT count(*) FROM unnest(show_trgm(${text})) t WHERE t = ANY(show_trgm(a.search_text)))::float8
                 / greatest(cardinality(show_trgm(${text})), 1) AS score
          FROM (SELECT DISTINCT COALESCE(e.merged_into, e.id) AS id FROM catalog.episodes e
                 WHERE ${where.join(' AND ')} LIMIT 50) found
          JOIN catalog.episodes a ON a.id = found.id
         WHERE NOT EXISTS (SELECT 1 FROM by_file) AND NOT EXISTS (SELECT 1 FROM exact)
         ORDER BY score DESC, a.id LIMIT 10`;
    }

    // Fuzzy: the nearest search texts by trigram distance (GiST, nearest first), among episodes
    // that do not contradict what the title says; only those similar enough count.
    const facts = q.facts;
    const near = ['e.merged_into IS NULL'];
    if (facts.projectCode !== null) near.push(`e.project_code = ${sql.param(facts.projectCode)}`);
    if (facts.seasonNumber !== null)
      near.push(`(e.season_number = ${sql.param(facts.seasonNumber)} OR e.season_number IS NULL)`);
    if (facts.year !== null) near.push(`(e.year = ${sql.param(facts.year)} OR e.year IS NULL)`);
    if (facts.eventNumber !== null)
      near.push(`(e.event_number = ${sql.param(facts.eventNumber)} OR e.event_number IS NULL)`);
    const slot = facts.slot;
    if (slot?.episodeNumber != null) near.push(`e.episode_number = ${sql.param(slot.episodeNumber)}`);
    if (slot?.day) near.push(`e.day = ${sql.param(slot.day)}`);
    if (slot?.airDate) near.push(`e.air_date = ${sql.param(slot.airDate)}::date`);
    // A project and its season or year leave a few dozen episodes: rank them all (a btree finds
    // them). Otherwise walk the GiST index nearest first instead of ranking thousands.
    const narrow = facts.projectCode !== null && (facts.year !== null || facts.seasonNumber !== null);
    const ordered = narrow ? `similarity(e.search_text, ${text}) DESC` : `e.search_text <-> ${text}`;
    const fuzzy =
      q.fuzzy === ''
        ? none
        : `SELECT * FROM (
             SELECT e.id, e.title, e.project_code, similarity(e.search_text, ${text})::float8 AS score
               FROM catalog.episodes e
              WHERE ${near.join(' AND ')}
                AND NOT EXISTS (SELECT 1 FROM by_file) AND NOT EXISTS (SELECT 1 FROM exact)
                AND NOT EXISTS (SELECT 1 FROM fields)
              ORDER BY ${ordered} LIMIT 5) nearest
            WHERE score >= ${sql.param(threshold)}
            ORDER BY score DESC, id`;

    return m.query(
      `WITH by_file AS MATERIALIZED (${byFile}),
            exact AS MATERIALIZED (${exact}),
            fields AS MATERIALIZED (${fields}),
            fuzzy AS MATERIALIZED (${fuzzy})
       SELECT 'file' AS step, id, title, project_code, score FROM by_file
       UNION ALL SELECT 'exact', id, title, project_code, score FROM exact
       UNION ALL SELECT 'fields', id, title, project_code, score FROM fields
       UNION ALL SELECT 'fuzzy', id, title, project_code, score FROM fuzzy`,
      sql.params,
    );
  }
}
