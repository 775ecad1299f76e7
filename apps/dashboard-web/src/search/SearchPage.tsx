import { Badge, Button, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { startTransition, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { SearchFilters, useSearch } from '../api/queries';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorAlert } from '../ui/QueryState';
import { Facets } from './Facets';
import { filtersFromParams, paramsOf, toggleFilter } from './search-params';
import { SearchResults } from './SearchResults';

/** Typing settles this long before the search goes out: fast enough to feel live, fewer requests. */
export const SEARCH_DEBOUNCE_MS = 40;

export function SearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [text, setText] = useState(filters.q ?? '');
  // What the search asks for: the typed text once typing settles, ahead of the URL.
  const [settled, setSettled] = useState(filters.q ?? '');
  const typed = useRef(filters.q ?? '');

  // The URL is the search (deep links, back/forward); follow it when it changes from outside the box.
  useEffect(() => {
    if ((filters.q ?? '') !== typed.current) {
      typed.current = filters.q ?? '';
      setText(typed.current);
      setSettled(typed.current);
    }
  }, [filters.q]);

  useEffect(() => {
    if (text === settled) return;
    const timer = setTimeout(() => {
      typed.current = text.trim(); // as the URL will hold it: a trailing space being typed stays in the box
      setSettled(text);
      // The search goes out now; the URL (a re-render of the whole route) follows at a lower priority.
      startTransition(() => setParams(paramsOf({ ...filters, q: text.trim() || undefined }), { replace: true }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, settled, filters, setParams]);

  const asked = useMemo(() => ({ ...filters, q: settled.trim() || undefined }), [filters, settled]);
  const search = useSearch(asked);
  const first = search.data?.pages[0];
  // The facets follow the results at a lower priority: the list a keystroke asked for shows first.
  const facets = useDeferredValue(first?.facets);
  const items = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const apply = (next: SearchFilters) => setParams(paramsOf(next));
  const narrowed = Object.keys(filters).some((k) => k !== 'q');

  return (
    <Stack gap="md">
      <Title order={2}>{t('search.title')}</Title>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <TextInput
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          type="search"
          size="md"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          data-testid="search-input"
        />
      </form>
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 3 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            {facets && <Facets facets={facets} filters={asked} onToggle={(p, v) => apply(toggleFilter(asked, p, v))} />}
            {narrowed && (
              <Button variant="subtle" size="xs" onClick={() => apply({ q: asked.q })}>
                {t('search.clearFilters')}
              </Button>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }} order={{ base: 1, md: 2 }}>
          <Group justify="space-between" mb="xs">
            <Text size="sm" c="dimmed" aria-live="polite" aria-atomic data-testid="result-count">
              {first ? t('search.results', { count: first.total }) : search.isError ? '' : t('common.loading')}
            </Text>
            {search.isFetching && first && (
              <Badge variant="dot" color="gray" size="sm">
                {t('common.updating')}
              </Badge>
            )}
          </Group>
          {search.isError && <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />}
          {first && items.length === 0 && <Text>{t('search.none')}</Text>}
          {items.length > 0 && <SearchResults items={items} context={paramsOf(asked)} />}
          {search.hasNextPage && (
            <Button
              variant="light"
              mt="sm"
              onClick={() => void search.fetchNextPage()}
              loading={search.isFetchingNextPage}
            >
              {t('search.more', { shown: items.length, total: first?.total ?? 0 })}
            </Button>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
