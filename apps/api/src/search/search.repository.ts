import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchTerms } from './search-terms';

export type DocKind = 'project' | 'episode' | 'clip' | 'file';

export interface SearchFilter {
  kinds?: DocKind[];
  /** Lower-case tag key. */
  tag?: string;
  /** Player key (see playerKey). */
  player?: string;
  project?: string;
  year?: number;
  episode?: string;
  status?: 'valid' | 'invalid';
}

export interface SearchRow {
  doc_id: string;
  kind: DocKind;
  ref_id: string;
  title: string;
  snippet: string | null;
  project_code: string | null;
  year: number | null;
  episode_id: string | null;
  status: 'valid' | 'invalid' | null;
  tags: string[];
  players: string[];
  sort_key: string;
  score: number;
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchAnswer {
  total: number;
  items: SearchRow[];
  facets: { kinds: Facet[]; tags: Facet[]; players: Facet[]; projects: Facet[]; years: Facet[] };
}

/** Typo tolerance: the lowest word similarity (pg_trgm) for a word to count as found. */
const WORD_SIMILARITY = 0.5;
const FACET_LIMIT = 20;

/** The one ranked query over `search.documents`, with its facets, in one round trip. */
@Injectable()
export class SearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(
    terms: SearchTerms,
    filter: SearchFilter,
    after: [number, string, string] | null,
    limit: number,
    facets = true,
  ): Promise<SearchAnswer> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.kinds?.length) where.push(`d.kind = ANY(${p(filter.kinds)}::text[])`);
    if (filter.tag) where.push(`d.tag_keys @> ARRAY[${p(filter.tag)}::text]`);
    if (filter.player) where.push(`d.player_keys @> ARRAY[${p(filter.player)}::text]`);
    if (filter.project) where.push(`lower(d.project_code) = lower(${p(filter.project)})`);
    if (filter.year !== undefined) where.push(`d.year = ${p(filter.year)}::int`);
    if (filter.episode) where.push(`d.episode_id = ${p(filter.episode)}`);
    if (filter.status) where.push(`d.status = ${p(filter.status)}`);
    for (const term of terms.terms) {
      const found = [`d.tsv @@ to_tsquery('simple', ${p(term.prefix)})`];
      if (term.like) found.push(`d.body LIKE ${p(term.like)}`);
      if (term.fuzzy) found.push(`${p(term.fuzzy)} <% d.body`);
      where.push(`(${found.join(' OR ')})`);
    }
    const score =
      terms.rankQuery === null
        ? '0'
        : `ts_rank_cd(d.tsv, to_tsquery('simple', ${p(terms.rankQuery)}))
           + 0.5 * word_similarity(${p(terms.text)}, d.body)
           + CASE WHEN lower(d.title) = ${p(terms.text)} OR (d.kind = 'project' AND lower(d.ref_id) = ${p(terms.text)})
                  THEN 1 ELSE 0 END
           + CASE d.kind WHEN 'project' THEN 0.3 WHEN 'episode' THEN 0.2 WHEN 'clip' THEN 0.1 ELSE 0 END`;
    const cursor = after
      ? `WHERE (m.score < ${p(after[0])}::float8 OR (m.score = ${p(after[0])}::float8
                AND (m.sort_key, m.doc_id) > (${p(after[1])}::text, ${p(after[2])}::text)))`
      : '';
    const facet = (expr: string, from: string, extra = '') =>
      facets
        ? `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${expr} AS value, count(*)::int AS count FROM ${from}
              WHERE ${expr} IS NOT NULL ${extra} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) x)`
        : `'[]'::json`;
    const sql = `
      WITH m AS MATERIALIZED (
        SELECT d.doc_id, d.kind, d.ref_id, d.title, d.snippet, d.project_code, d.year, d.episode_id, d.status,
               d.tags, d.players, d.sort_key, round((${score})::numeric, 6)::float8 AS score
          FROM search.documents d
         WHERE ${where.length ? where.join(' AND ') : 'true'})
      SELECT (SELECT count(*)::int FROM m) AS total,
             ${facet('m.kind', 'm')} AS kinds,
             ${facet('t', 'm, unnest(m.tags) t', `AND t NOT LIKE 'player:%'`)} AS tags,
             ${facet('t', 'm, unnest(m.players) t')} AS players,
             ${facet('m.project_code', 'm')} AS projects,
             ${facet('m.year::text', 'm')} AS years,
             (SELECT coalesce(json_agg(row_to_json(x) ORDER BY x.score DESC, x.sort_key, x.doc_id), '[]')
                FROM (SELECT * FROM m ${cursor} ORDER BY m.score DESC, m.sort_key, m.doc_id LIMIT ${p(limit)}) x) AS items`;
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(WORD_SIMILARITY)]);
      const [row] = (await m.query(sql, params)) as (SearchAnswer['facets'] & {
        total: number;
        items: SearchRow[];
      })[];
      return {
        total: row.total,
        items: row.items,
        facets: { kinds: row.kinds, tags: row.tags, players: row.players, projects: row.projects, years: row.years },
      };
    });
  }
}
