import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DbGate } from '../http/db-gate';
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
  episode_title: string | null;
  /** A clip's timing (null on other kinds), so a result list needs no request per clip. */
  clip: {
    in_text: string;
    out_text: string;
    in_frame: number | null;
    out_frame: number | null;
    rate_num: number;
    rate_den: number;
    drop_frame: boolean;
  } | null;
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
/** A search that takes longer is cancelled (503): one pathological query must not hold the database. */
const SEARCH_TIMEOUT_MS = 10_000;

type Bind = (value: unknown) => string;

/** A parameter list and the `$n` placeholder of each value added to it. */
function binder(): { params: unknown[]; p: Bind } {
  const params: unknown[] = [];
  return {
    params,
    p: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/** The filters as SQL conditions on `d` (search.documents), their values bound through `p`. */
function filterSql(filter: SearchFilter, p: Bind): string[] {
  const where: string[] = [];
  if (filter.kinds?.length) where.push(`d.kind = ANY(${p(filter.kinds)}::text[])`);
  if (filter.tag) where.push(`d.tag_keys @> ARRAY[${p(filter.tag)}::text]`);
  if (filter.player) where.push(`d.player_keys @> ARRAY[${p(filter.player)}::text]`);
  if (filter.project) where.push(`lower(d.project_code) = lower(${p(filter.project)})`);
  if (filter.year !== undefined) where.push(`d.year = ${p(filter.year)}::int`);
  if (filter.episode) where.push(`d.episode_id = ${p(filter.episode)}`);
  if (filter.status) where.push(`d.status = ${p(filter.status)}`);
  return where;
}

/**
 * The one ranked query over `search.documents`, with its facets. Every word
 * must be found: a word of 3+ characters as a substring of the body
 * (trigram GIN; also finds Korean words inside longer ones), a shorter one
 * as a full-text prefix (GIN). A word no document under the filters
 * contains is taken as a typo and matched by trigram word similarity
 * instead — typo matching is costly and would drown exact matches, so it is
 * only the fallback. Words and filters go into one WHERE, so Postgres
 * combines the indexes (BitmapAnd) and reads each match once.
 */
@Injectable()
export class SearchRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: DbGate,
  ) {}

  async search(
    terms: SearchTerms,
    filter: SearchFilter,
    after: [number, string, string] | null,
    limit: number,
    facets = true,
  ): Promise<SearchAnswer> {
    return this.gate.run(() =>
      this.dataSource.transaction(async (m) => {
        // JIT compiling costs more than these queries take.
        await m.query(
          `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('statement_timeout', $2, true),
                set_config('jit', 'off', true)`,
          [String(WORD_SIMILARITY), String(SEARCH_TIMEOUT_MS)],
        );
        const typos = await this.wordsFoundNowhere(m, terms, filter);
        const { sql, params } = this.query(terms, filter, typos, after, limit, facets);
        const [row] = (await m.query(sql, params)) as (SearchAnswer['facets'] & {
          total: number;
          items: SearchRow[];
        })[];
        return {
          total: row.total,
          items: row.items,
          facets: { kinds: row.kinds, tags: row.tags, players: row.players, projects: row.projects, years: row.years },
        };
      }),
    );
  }

  /** The words (3+ characters) no document under the filters contains. */
  private async wordsFoundNowhere(m: EntityManager, terms: SearchTerms, filter: SearchFilter): Promise<Set<string>> {
    const long = terms.terms.filter((t) => t.like !== null);
    if (long.length === 0) return new Set();
    const { params, p } = binder();
    const where = filterSql(filter, p);
    const checks = long.map(
      (t, i) =>
        `EXISTS (SELECT 1 FROM search.documents d
                  WHERE ${[`d.body LIKE ${p(t.like)}`, ...where].join(' AND ')}) AS w${i}`,
    );
    const [row] = (await m.query(`SELECT ${checks.join(', ')}`, params)) as Record<string, boolean>[];
    return new Set(long.filter((_, i) => !row?.[`w${i}`]).map((t) => t.word));
  }

  private query(
    terms: SearchTerms,
    filter: SearchFilter,
    typos: Set<string>,
    after: [number, string, string] | null,
    limit: number,
    facets: boolean,
  ): { sql: string; params: unknown[] } {
    const { params, p } = binder();
    const matching = filterSql(filter, p);
    for (const term of terms.terms) {
      if (term.like === null || term.fuzzy === null) matching.push(`d.tsv @@ to_tsquery('simple', ${p(term.prefix)})`);
      else if (typos.has(term.word)) matching.push(`${p(term.fuzzy)} <% d.body`);
      else matching.push(`d.body LIKE ${p(term.like)}`);
    }
    const score =
      terms.rankQuery === null
        ? '0'
        : `ts_rank_cd(d.tsv, to_tsquery('simple', ${p(terms.rankQuery)}))
           ${typos.size > 0 ? `+ 0.5 * word_similarity(${p(terms.text)}, d.body)` : ''}
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
    // m: every match with what ranking and facets need; the page's other columns are read for its rows only.
    const sql = `
      WITH m AS MATERIALIZED (
        SELECT d.doc_id, d.kind, d.project_code, d.year, d.tags, d.players, d.sort_key,
               round((${score})::numeric, 6)::float8 AS score
          FROM search.documents d WHERE ${matching.length ? matching.join(' AND ') : 'true'})
      SELECT (SELECT count(*)::int FROM m) AS total,
             ${facet('m.kind', 'm')} AS kinds,
             ${facet('t', 'm, unnest(m.tags) t', `AND t NOT LIKE 'player:%'`)} AS tags,
             ${facet('t', 'm, unnest(m.players) t')} AS players,
             ${facet('m.project_code', 'm')} AS projects,
             ${facet('m.year::text', 'm')} AS years,
             (SELECT coalesce(json_agg(row_to_json(x) ORDER BY x.score DESC, x.sort_key, x.doc_id), '[]')
                FROM (SELECT p.doc_id, p.kind, p.project_code, p.year, p.tags, p.players, p.sort_key, p.score,
                             d.ref_id, d.title, d.snippet, d.episode_id, d.status, e.title AS episode_title,
                             CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
                               'in_text', c.in_text, 'out_text', c.out_text, 'in_frame', c.in_frame,
                               'out_frame', c.out_frame, 'rate_num', c.rate_num, 'rate_den', c.rate_den,
                               'drop_frame', c.drop_frame) END AS clip
                        FROM (SELECT * FROM m ${cursor} ORDER BY m.score DESC, m.sort_key, m.doc_id LIMIT ${p(limit)}) p
                        JOIN search.documents d ON d.doc_id = p.doc_id
                        LEFT JOIN search.clips c ON d.kind = 'clip' AND c.id = d.ref_id
                        LEFT JOIN search.episodes e ON e.id = d.episode_id) x) AS items`;
    return { sql, params };
  }
}
