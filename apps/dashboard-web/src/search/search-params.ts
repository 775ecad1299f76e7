import type { FacetName } from '../api/types';
import type { SearchFilters } from '../api/queries';

/** Each facet of `GET /api/search` and the filter parameter that narrows to one of its values. */
export const FACET_FILTERS: readonly { facet: FacetName; param: keyof SearchFilters }[] = [
  { facet: 'kinds', param: 'kind' },
  { facet: 'tags', param: 'tag' },
  { facet: 'players', param: 'player' },
  { facet: 'projects', param: 'project' },
  { facet: 'years', param: 'year' },
];

export const FILTER_PARAMS = ['q', 'kind', 'tag', 'player', 'project', 'year', 'status'] as const;

/** The search as the URL holds it (deep links, back button): only known, non-empty parameters. */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const filters: SearchFilters = {};
  for (const name of FILTER_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** One value per facet: choosing a value replaces the facet's filter; choosing the chosen one clears it. */
export function toggleFilter(filters: SearchFilters, param: keyof SearchFilters, value: string): SearchFilters {
  const next = { ...filters };
  if (next[param] === value) delete next[param];
  else next[param] = value;
  return next;
}

export function paramsOf(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** Whether a URL's parameters carry a search (the player then offers that search's clips as previous/next). */
export function hasSearch(params: URLSearchParams): boolean {
  return params.get('from') === 'search';
}
