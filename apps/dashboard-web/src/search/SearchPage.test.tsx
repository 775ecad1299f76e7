import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchFixture } from '../test/fixtures';
import { fakeApi, renderRoutes } from '../test/render';
import { SearchPage } from './SearchPage';
import { filtersFromParams, toggleFilter } from './search-params';

const routes = [
  { path: '/search', element: <SearchPage /> },
  { path: '/clips/:id', element: <p>player</p> },
];

describe('search parameters', () => {
  it('reads only known, non-empty filters from the URL', () => {
    expect(filtersFromParams(new URLSearchParams('q=%20bluff%20&tag=all-in&year=&foo=1'))).toEqual({
      q: 'bluff',
      tag: 'all-in',
    });
  });

  it('toggles one value per facet', () => {
    expect(toggleFilter({ q: 'x' }, 'tag', 'bluff')).toEqual({ q: 'x', tag: 'bluff' });
    expect(toggleFilter({ tag: 'bluff' }, 'tag', 'cooler')).toEqual({ tag: 'cooler' });
    expect(toggleFilter({ tag: 'bluff', year: '2023' }, 'tag', 'bluff')).toEqual({ year: '2023' });
  });
});

describe('SearchPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('searches as you type and lists clips with project, episode, in–out, tags and players', async () => {
    const api = fakeApi({
      'GET /api/search': (call) => ({ body: searchFixture({ query: call.url.searchParams.get('q') ?? '' }) }),
    });
    const { router } = renderRoutes(routes, { path: '/search' });
    await userEvent.type(screen.getByTestId('search-input'), 'bluff');
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff'));
    await waitFor(() => expect(api.calls.some((c) => c.url.searchParams.get('q') === 'bluff')).toBe(true));

    const row = await screen.findByTestId('clip-result');
    expect(row).toHaveAttribute('data-clip-id', 'c1');
    expect(within(row).getByText(/WSOP · 2023 · WSOP 2023 Main Event Day 1A Part 1/)).toBeInTheDocument();
    expect(within(row).getByText('00:00:01:00 – 00:00:04:00')).toBeInTheDocument();
    expect(within(row).getByText('hero-call')).toBeInTheDocument();
    expect(within(row).getByText('Mina Park, Tom Becker')).toBeInTheDocument();
    expect(screen.getByTestId('result-count')).toHaveTextContent('2 results');
    expect(within(row).getByRole('link')).toHaveAttribute('href', '/clips/c1?q=bluff&from=search');
    expect(screen.getByText('WSOP 2023 Main Event Day 1A Part 1', { selector: 'a' })).toHaveAttribute(
      'href',
      '/episodes/e1',
    );
  });

  it('keeps the space typed between two words while the first one is searched', async () => {
    const api = fakeApi({
      'GET /api/search': (call) => ({ body: searchFixture({ query: call.url.searchParams.get('q') ?? '' }) }),
    });
    const { router } = renderRoutes(routes, { path: '/search' });
    const box = screen.getByTestId('search-input');
    await userEvent.type(box, 'bluff ');
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await userEvent.type(box, 'river');
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff+river'));
    expect(box).toHaveValue('bluff river');
    expect(api.calls.at(-1)!.url.searchParams.get('q')).toBe('bluff river');
  });

  it('turns a facet into a filter, and clears it when chosen again', async () => {
    const api = fakeApi({ 'GET /api/search': { body: searchFixture() } });
    const { router } = renderRoutes(routes, { path: '/search?q=bluff' });
    expect(screen.getByTestId('search-input')).toHaveValue('bluff');
    const chip = await screen.findByRole('checkbox', { name: /hero-call/ });
    await userEvent.click(chip);
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff&tag=hero-call'));
    await waitFor(() => {
      const last = api.calls.at(-1)!.url.searchParams;
      expect(last.get('tag')).toBe('hero-call');
      expect(last.get('q')).toBe('bluff');
    });
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /hero-call/ })).toBeChecked());

    await userEvent.click(await screen.findByRole('checkbox', { name: /이도현/ }));
    await waitFor(() => expect(api.calls.at(-1)!.url.searchParams.get('player')).toBe('이도현'));

    await userEvent.click(await screen.findByRole('checkbox', { name: /hero-call/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff&player=%EC%9D%B4%EB%8F%84%ED%98%84'));
    expect(api.calls.at(-1)!.url.searchParams.has('tag')).toBe(false);

    await userEvent.click(await screen.findByRole('checkbox', { name: /Invalid/ }));
    await waitFor(() => expect(api.calls.at(-1)!.url.searchParams.get('status')).toBe('invalid'));
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=bluff'));
  });

  it('opens a deep link with its filters, and says so when nothing matches', async () => {
    const api = fakeApi({
      'GET /api/search': {
        body: searchFixture({
          items: [],
          total: 0,
          facets: { kinds: [], tags: [], players: [], projects: [], years: [] },
        }),
      },
    });
    renderRoutes(routes, { path: '/search?q=%EB%B8%94%EB%9F%AC%ED%94%84&year=2023' });
    expect(await screen.findByText(/Nothing matches/)).toBeInTheDocument();
    const params = api.calls[0].url.searchParams;
    expect(params.get('q')).toBe('블러프');
    expect(params.get('year')).toBe('2023');
    // The chosen year stays visible (and clearable) though the result has no facets.
    expect(await screen.findByRole('checkbox', { name: /2023/ })).toBeChecked();
  });

  it('shows each clip in/out and episode from the search answer alone (no request per clip)', async () => {
    const api = fakeApi({ 'GET /api/search': { body: searchFixture() } });
    renderRoutes(routes, { path: '/search?q=bluff' });
    const row = await screen.findByTestId('clip-result');
    expect(within(row).getByText('00:00:01:00 – 00:00:04:00')).toBeInTheDocument();
    expect(within(row).getByText(/Day 1A Part 1/)).toBeInTheDocument();
    expect(api.calls.map((c) => c.url.pathname)).toEqual(['/api/search']);
  });

  it('shows the API error when the search fails', async () => {
    fakeApi({
      'GET /api/search': { status: 400, body: { code: 'invalid_request', message: 'year must be 4 digits' } },
    });
    renderRoutes(routes, { path: '/search?year=20' });
    expect(await screen.findByRole('alert')).toHaveTextContent('year must be 4 digits');
  });
});
