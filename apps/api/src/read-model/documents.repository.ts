import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TableSet } from './tables';

/** What changed in the read model: the search documents of these (and of what hangs on them) are rebuilt. */
export interface DocumentScope {
  projects?: readonly string[];
  episodes?: readonly string[];
  files?: readonly string[];
  clips?: readonly string[];
}

export const isEmptyScope = (s: DocumentScope): boolean =>
  !s.projects?.length && !s.episodes?.length && !s.files?.length && !s.clips?.length;

/**
 * The search documents (`search.documents`): one per project, live episode,
 * present file and clip, built in SQL from the read-model tables. A clip's
 * document carries its own words (weight A) and its context — episode,
 * project, file name — at lower weights, so `WSOP 2023 bluff` finds WSOP
 * 2023 bluffs. Changes cascade: a project's name reaches its episodes, an
 * episode's title its files and clips, a file's placement its clips.
 */
@Injectable()
export class DocumentsRepository {
  async refresh(m: EntityManager, ts: TableSet, scope: DocumentScope): Promise<void> {
    if (isEmptyScope(scope)) return;
    const projects = [...new Set(scope.projects ?? [])];
    const [{ episodes }] = (await m.query(
      `SELECT coalesce(array_agg(DISTINCT id), '{}') AS episodes FROM (
         SELECT unnest($1::text[]) AS id
         UNION SELECT e.id FROM ${ts.t('episodes')} e WHERE e.project_code = ANY($2::text[])
         UNION SELECT e.id FROM ${ts.t('episodes')} e WHERE e.merged_into = ANY($1::text[])) x`,
      [scope.episodes ?? [], projects],
    )) as { episodes: string[] }[];
    const [{ files }] = (await m.query(
      `SELECT coalesce(array_agg(DISTINCT id), '{}') AS files FROM (
         SELECT unnest($1::text[]) AS id
         UNION SELECT p.file_id FROM ${ts.t('file_placements')} p WHERE p.episode_id = ANY($2::text[])
         UNION SELECT p.file_id FROM ${ts.t('file_placements')} p
                WHERE p.episode_id IS NULL AND p.project_code = ANY($3::text[])) x`,
      [scope.files ?? [], episodes, projects],
    )) as { files: string[] }[];
    const [{ clips }] = (await m.query(
      `SELECT coalesce(array_agg(DISTINCT id), '{}') AS clips FROM (
         SELECT unnest($1::text[]) AS id
         UNION SELECT c.id FROM ${ts.t('clips')} c WHERE c.video_file_id = ANY($2::text[])
         UNION SELECT c.id FROM ${ts.t('clips')} c WHERE c.episode_id = ANY($3::text[])) x`,
      [scope.clips ?? [], files, episodes],
    )) as { clips: string[] }[];

    await lockDocuments(m, [
      ...projects.map((id) => `project:${id}`),
      ...episodes.map((id) => `episode:${id}`),
      ...files.map((id) => `file:${id}`),
      ...clips.map((id) => `clip:${id}`),
    ]);
    await this.rebuild(m, ts, 'project', projects);
    await this.rebuild(m, ts, 'episode', episodes);
    await this.rebuild(m, ts, 'file', files);
    await this.rebuild(m, ts, 'clip', clips);
  }

  /** Every document from scratch (a reindex's shadow tables). */
  async rebuildAll(m: EntityManager, ts: TableSet): Promise<number> {
    // Every bucket: writers rebuilding single documents meanwhile wait, then rebuild theirs on top.
    await m.query(`SELECT count(pg_advisory_xact_lock($1, b)) FROM generate_series(0, $2 - 1) b`, [
      DOCUMENT_LOCK_SPACE,
      DOCUMENT_LOCK_BUCKETS,
    ]);
    await m.query(`DELETE FROM ${ts.t('documents')}`);
    let total = 0;
    for (const kind of ['project', 'episode', 'file', 'clip'] as const) {
      const rows: unknown[] = await m.query(
        `INSERT INTO ${ts.t('documents')} (${DOC_COLUMNS}) SELECT ${DOC_COLUMNS} FROM (${SELECTS[kind](ts)}) d RETURNING 1`,
      );
      total += rows.length;
    }
    await notifyDocumentsChanged(m);
    return total;
  }

  private async rebuild(m: EntityManager, ts: TableSet, kind: DocKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // Ids whose item is gone (or no longer searchable: a merged episode, a missing file) stay deleted.
    await m.query(`DELETE FROM ${ts.t('documents')} WHERE kind = $1 AND ref_id = ANY($2::text[])`, [kind, ids]);
    await m.query(
      `INSERT INTO ${ts.t('documents')} AS t (${DOC_COLUMNS})
       SELECT ${DOC_COLUMNS} FROM (${SELECTS[kind](ts)}) d WHERE d.ref_id = ANY($1::text[])
       ON CONFLICT (doc_id) DO UPDATE SET ${DOC_COLUMNS.split(', ')
         .filter((c) => c !== 'doc_id')
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}`,
      [ids],
    );
    await notifyDocumentsChanged(m);
  }
}

/** Postgres channel told (at commit, every API replica) that search documents changed: cached searches are stale. */
export const DOCUMENTS_CHANGED_CHANNEL = 'search_documents_changed';

/** Postgres folds repeated notifications of one transaction into one. */
export async function notifyDocumentsChanged(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_notify($1, '')`, [DOCUMENTS_CHANGED_CHANNEL]);
}

type DocKind = 'project' | 'episode' | 'file' | 'clip';

const DOCUMENT_LOCK_SPACE = 0x5e4c;
/** Lock buckets: few enough that a big cascade stays far below Postgres' lock table, enough to keep writers apart. */
const DOCUMENT_LOCK_BUCKETS = 256;

/**
 * Every transaction that changes what a document is built from rebuilds it
 * and holds its (bucket's) lock until commit; another one rebuilding it
 * waits, then reads the committed change. Without it, a rebuild from a
 * snapshot taken before a concurrent commit could bring back a removed clip
 * or an old title. Buckets are taken in ascending order: no deadlocks.
 */
async function lockDocuments(m: EntityManager, docIds: readonly string[]): Promise<void> {
  if (docIds.length === 0) return;
  await m.query(
    `SELECT count(pg_advisory_xact_lock($1, b)) FROM (
       SELECT DISTINCT (hashtext(x) & ($2 - 1)) AS b FROM unnest($3::text[]) x ORDER BY 1) s`,
    [DOCUMENT_LOCK_SPACE, DOCUMENT_LOCK_BUCKETS, docIds],
  );
}

const DOC_COLUMNS =
  'doc_id, kind, ref_id, title, snippet, body, tsv, project_code, year, episode_id, file_id, status, tags, tag_keys, players, player_keys, sort_key';

/** The episode a file or clip belongs to, through a merge to the one that survived. */
const liveEpisode = (ts: TableSet, idExpr: string, alias: string) => `
  LEFT JOIN ${ts.t('episodes')} ${alias}0 ON ${alias}0.id = ${idExpr}
  LEFT JOIN ${ts.t('episodes')} ${alias} ON ${alias}.id = coalesce(${alias}0.merged_into, ${alias}0.id)
  LEFT JOIN ${ts.t('seasons')} ${alias}_season ON ${alias}_season.id = ${alias}.season_id`;

const SELECTS: Record<DocKind, (ts: TableSet) => string> = {
  project: (ts) => `
    SELECT 'project:' || p.code AS doc_id, 'project' AS kind, p.code AS ref_id, p.name AS title,
           nullif(array_to_string(p.aliases, ', '), '') AS snippet,
           lower(concat_ws(' ', p.code, p.name, array_to_string(p.aliases, ' '))) AS body,
           setweight(to_tsvector('simple', concat_ws(' ', p.code, p.name, array_to_string(p.aliases, ' '))), 'A') AS tsv,
           p.code AS project_code, NULL::int AS year, NULL::text AS episode_id, NULL::text AS file_id,
           NULL::text AS status, '{}'::text[] AS tags, '{}'::text[] AS tag_keys, '{}'::text[] AS players,
           '{}'::text[] AS player_keys, '1 ' || lower(p.name) AS sort_key
      FROM ${ts.t('projects')} p`,
  episode: (ts) => `
    SELECT 'episode:' || e.id AS doc_id, 'episode' AS kind, e.id AS ref_id, e.title,
           nullif(concat_ws(' · ', p.name, ev.name, ev.location), '') AS snippet,
           lower(concat_ws(' ', e.title, p.code, p.name, array_to_string(p.aliases, ' '), ev.name, ev.location,
                 e.day, s.year)) AS body,
           setweight(to_tsvector('simple', e.title), 'A')
             || setweight(to_tsvector('simple', concat_ws(' ', p.code, p.name, array_to_string(p.aliases, ' '),
                          ev.name, ev.location, s.year)), 'C') AS tsv,
           e.project_code, s.year, e.id AS episode_id, NULL::text AS file_id, NULL::text AS status,
           '{}'::text[] AS tags, '{}'::text[] AS tag_keys, '{}'::text[] AS players, '{}'::text[] AS player_keys,
           '2 ' || lower(e.title) AS sort_key
      FROM ${ts.t('episodes')} e
      JOIN ${ts.t('seasons')} s ON s.id = e.season_id
      LEFT JOIN ${ts.t('events')} ev ON ev.id = e.event_id
      LEFT JOIN ${ts.t('projects')} p ON p.code = e.project_code
     WHERE e.merged_into IS NULL`,
  file: (ts) => `
    SELECT 'file:' || f.id AS doc_id, 'file' AS kind, f.id AS ref_id, f.file_name AS title,
           f.root || '/' || f.path AS snippet,
           lower(concat_ws(' ', f.path, f.parsed->>'title', f.parsed->>'event_name', f.parsed->>'location',
                 p.code, p.name, ep.title)) AS body,
           setweight(to_tsvector('simple', concat_ws(' ', f.file_name, f.parsed->>'title')), 'A')
             || setweight(to_tsvector('simple', concat_ws(' ', f.path, ep.title, p.code, p.name)), 'C') AS tsv,
           p.code AS project_code, coalesce(ep_season.year, (f.parsed->>'year')::int) AS year,
           ep.id AS episode_id, f.id AS file_id, NULL::text AS status,
           '{}'::text[] AS tags, '{}'::text[] AS tag_keys, '{}'::text[] AS players, '{}'::text[] AS player_keys,
           '4 ' || lower(f.file_name) AS sort_key
      FROM ${ts.t('files')} f
      LEFT JOIN ${ts.t('file_placements')} pl ON pl.file_id = f.id
      ${liveEpisode(ts, 'pl.episode_id', 'ep')}
      LEFT JOIN ${ts.t('projects')} p ON p.code = coalesce(ep.project_code, pl.project_code, f.parsed->>'project')
     WHERE f.status = 'present'`,
  clip: (ts) => `
    SELECT 'clip:' || c.id AS doc_id, 'clip' AS kind, c.id AS ref_id, x.title,
           c.description AS snippet,
           lower(concat_ws(' ', c.description, c.players_text, c.hand_no, array_to_string(c.tag_keys, ' '),
                 ep.title, p.code, p.name, f.file_name)) AS body,
           setweight(to_tsvector('simple', concat_ws(' ', c.description, c.players_text, c.hand_no,
                     array_to_string(c.tag_keys, ' '))), 'A')
             || setweight(to_tsvector('simple', concat_ws(' ', ep.title, p.code, p.name, ep_season.year)), 'C')
             || setweight(to_tsvector('simple', coalesce(f.file_name, '')), 'D') AS tsv,
           p.code AS project_code, coalesce(ep_season.year, (f.parsed->>'year')::int) AS year,
           ep.id AS episode_id, c.video_file_id AS file_id, c.status,
           ARRAY(SELECT t->>'name' FROM jsonb_array_elements(c.tags) t) AS tags, c.tag_keys,
           c.players, c.player_keys, '3 ' || lower(x.title) AS sort_key
      FROM ${ts.t('clips')} c
      LEFT JOIN ${ts.t('files')} f ON f.id = c.video_file_id
      LEFT JOIN ${ts.t('file_placements')} pl ON pl.file_id = c.video_file_id
      ${liveEpisode(ts, 'coalesce(c.episode_id, pl.episode_id)', 'ep')}
      LEFT JOIN ${ts.t('projects')} p ON p.code = coalesce(ep.project_code, pl.project_code, f.parsed->>'project')
      CROSS JOIN LATERAL (SELECT left(coalesce(
             nullif(concat_ws(' · ', 'Hand ' || c.hand_no, nullif(array_to_string(c.players, ' vs '), '')), ''),
             nullif(c.description, ''), f.file_name, 'Clip'), 200) AS title) x`,
};
