import { useMemo } from 'react';
import { useClips, useSearch } from '../api/queries';
import type { Clip } from '../api/types';
import { filtersFromParams, hasSearch } from '../search/search-params';
import { neighbours } from './playlist';

/**
 * The clips around this one: the search it was opened from (same results, same
 * order), else its episode's clips, else the clips on its file.
 */
export function usePlaylist(clip: Clip | undefined, params: URLSearchParams) {
  const fromSearch = hasSearch(params);
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const search = useSearch(filters, fromSearch && !!clip);
  const scope = clip?.episode ? { episode: clip.episode.id } : clip?.file ? { file: clip.file.id } : {};
  const siblings = useClips(scope, !fromSearch && !!clip && Object.keys(scope).length > 0);

  const ids = useMemo(() => {
    if (fromSearch)
      return (
        search.data?.pages
          .flatMap((p) => p.items)
          .filter((i) => i.kind === 'clip')
          .map((i) => i.id) ?? []
      );
    return siblings.data?.items.map((c) => c.id) ?? [];
  }, [fromSearch, search.data, siblings.data]);

  return clip ? { ...neighbours(ids, clip.id), size: ids.length, position: ids.indexOf(clip.id) + 1 } : null;
}
