import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { clipTimecodes } from '../browse/views';
import { cursorValues, decodeCursor, encodeCursor } from '../http/cursor';
import type { SearchResultSchema } from '@pokervod/api-shapes';
import type { SearchFilterSchema } from './search.queries';
import { SearchFilter, SearchRepository, SearchRow } from './search.repository';
import { SearchResultCache } from './search-result-cache';
import { searchTerms } from './search-terms';

export type SearchFilterInput = z.output<typeof SearchFilterSchema>;

const HREF: Record<SearchRow['kind'], (id: string) => string> = {
  project: (id) => `/api/projects/${encodeURIComponent(id)}`,
  episode: (id) => `/api/episodes/${id}`,
  clip: (id) => `/api/clips/${id}`,
  file: (id) => `/api/files/${id}`,
};

/** A clip's in and out (frames, seconds, SMPTE); null on the other kinds. */
function timing(row: SearchRow) {
  if (!row.clip) return { in: null, out: null };
  const { in: inTc, out: outTc } = clipTimecodes(row.clip);
  return { in: inTc, out: outTc };
}

/** `search_catalog(query)`: one ranked list over projects, episodes, clips and files, with facets. */
@Injectable()
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly cache: SearchResultCache,
  ) {}

  async search(
    input: SearchFilterInput,
    cursor: string | undefined,
    limit: number,
  ): Promise<z.infer<typeof SearchResultSchema>> {
    const { q, kind, ...filter } = input;
    const terms = searchTerms(q ?? '');
    const scope = `search:${JSON.stringify([terms.text, kind ?? null, filter])}`;
    const after = cursorValues<[number, string, string]>(decodeCursor(scope, cursor), ['number', 'string', 'string']);
    const answer = await this.cache.answer(`${scope}:${JSON.stringify(after)}:${limit}`, () =>
      this.repository.search(terms, { ...filter, kinds: kind }, after, limit + 1),
    );
    const rows = answer.items.slice(0, limit);
    const last = rows[rows.length - 1];
    return {
      query: terms.text,
      total: answer.total,
      items: rows.map((r) => ({
        kind: r.kind,
        id: r.ref_id,
        title: r.title,
        snippet: r.snippet,
        score: r.score,
        project_code: r.project_code,
        year: r.year,
        episode_id: r.episode_id,
        status: r.status,
        tags: r.tags.filter((t) => !t.startsWith('player:')),
        players: r.players,
        episode_title: r.episode_title,
        ...timing(r),
        href: HREF[r.kind](r.ref_id),
      })),
      facets: answer.facets,
      next_cursor:
        answer.items.length > limit && last ? encodeCursor(scope, [last.score, last.sort_key, last.doc_id]) : null,
    };
  }

  /** The clip ids a search finds (exports of a search), best first, at most `max` + 1. */
  async clipIds(input: SearchFilterInput, max: number): Promise<string[]> {
    const filter: SearchFilter = { ...input, kinds: ['clip'] };
    delete (filter as SearchFilterInput).q;
    delete (filter as SearchFilterInput).kind;
    const answer = await this.repository.search(searchTerms(input.q ?? ''), filter, null, max + 1, false);
    return answer.items.map((r) => r.ref_id);
  }
}
