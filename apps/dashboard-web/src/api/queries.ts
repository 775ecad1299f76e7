import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type {
  Clip,
  EpisodeDetail,
  EventDetail,
  Page,
  Project,
  ProjectDetail,
  RowItem,
  RowOutcome,
  RowsSummary,
  RunView,
  SearchResult,
  SeasonDetail,
  VideoFile,
} from './types';

const enc = encodeURIComponent;

export function useProjects() {
  return useQuery({
    queryKey: ['projects'],
    queryFn: ({ signal }) => apiGet<Page<Project>>('/api/projects', {}, { signal }),
  });
}

export function useProject(code: string | undefined) {
  return useQuery({
    queryKey: ['project', code],
    queryFn: ({ signal }) => apiGet<ProjectDetail>(`/api/projects/${enc(code ?? '')}`, {}, { signal }),
    enabled: !!code,
  });
}

export function useSeason(id: string | undefined) {
  return useQuery({
    queryKey: ['season', id],
    queryFn: ({ signal }) => apiGet<SeasonDetail>(`/api/seasons/${enc(id ?? '')}`, {}, { signal }),
    enabled: !!id,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: ['event', id],
    queryFn: ({ signal }) => apiGet<EventDetail>(`/api/events/${enc(id ?? '')}`, {}, { signal }),
    enabled: !!id,
  });
}

export function useEpisode(id: string | undefined) {
  return useQuery({
    queryKey: ['episode', id],
    queryFn: ({ signal }) => apiGet<EpisodeDetail>(`/api/episodes/${enc(id ?? '')}`, {}, { signal }),
    enabled: !!id,
  });
}

/** The search filters, as in the page's URL and in `GET /api/search`. */
export interface SearchFilters {
  q?: string;
  kind?: string;
  tag?: string;
  player?: string;
  project?: string;
  year?: string;
  status?: string;
}

export const SEARCH_PAGE_SIZE = 30;

/** `GET /api/search`, a page at a time (cursor); the facets come with the first page. */
export function useSearch(filters: SearchFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['search', filters],
    queryFn: ({ signal, pageParam }) =>
      apiGet<SearchResult>('/api/search', { ...filters, limit: SEARCH_PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}

export function useClip(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['clip', id],
    queryFn: ({ signal }) => apiGet<Clip>(`/api/clips/${enc(id ?? '')}`, {}, { signal }),
    enabled: !!id && enabled,
    staleTime: 60_000,
  });
}

export function useClips(filter: { episode?: string; file?: string }, enabled = true) {
  return useQuery({
    queryKey: ['clips', filter],
    queryFn: ({ signal }) => apiGet<Page<Clip>>('/api/clips', { ...filter, limit: 200 }, { signal }),
    enabled,
  });
}

export function useFile(id: string | undefined) {
  return useQuery({
    queryKey: ['file', id],
    queryFn: ({ signal }) => apiGet<VideoFile>(`/api/files/${enc(id ?? '')}`, {}, { signal }),
    enabled: !!id,
  });
}

export function useUnmatchedFiles() {
  return useQuery({
    queryKey: ['files', 'unmatched'],
    queryFn: ({ signal }) => apiGet<Page<VideoFile>>('/api/files', { unmatched: true, limit: 200 }, { signal }),
  });
}

export function useRows(outcome: RowOutcome | undefined) {
  return useQuery({
    queryKey: ['rows', outcome ?? 'attention'],
    queryFn: ({ signal }) => apiGet<Page<RowItem>>('/api/rows', { outcome, limit: 200 }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRowsSummary() {
  return useQuery({
    queryKey: ['rows', 'summary'],
    queryFn: ({ signal }) => apiGet<RowsSummary>('/api/rows/summary', {}, { signal }),
  });
}

export function useRuns() {
  return useQuery({
    queryKey: ['runs'],
    queryFn: ({ signal }) => apiGet<RunView[]>('/api/orchestrator/runs', { limit: 20 }, { signal }),
  });
}
