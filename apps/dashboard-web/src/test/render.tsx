import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { RouterProvider, createMemoryRouter, RouteObject } from 'react-router-dom';
import { vi } from 'vitest';
import { Providers } from '../app/Providers';
import { createI18n } from '../i18n/i18n';
import type { Language } from '../i18n/language';

export interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
}

type Answer = { status?: number; body: unknown } | ((call: Call) => { status?: number; body: unknown });

/**
 * Stands in for block E: answers `fetch` by path (`GET /api/search`) and
 * records every request, so a test can check what the page asked for.
 */
export function fakeApi(routes: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const call = { method, url, headers };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (!route)
      return new Response(JSON.stringify({ code: 'not_found', message: `no route ${method} ${url.pathname}` }), {
        status: 404,
      });
    const answer = typeof route === 'function' ? route(call) : route;
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function renderRoutes(
  routes: RouteObject[],
  { path = '/', language = 'en' as Language }: { path?: string; language?: Language } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const i18n = createI18n(language);
  const view = render(
    <Providers i18n={i18n} client={client}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, i18n, client };
}

export function renderPage(element: ReactElement, path = '/', pattern = '*', language: Language = 'en') {
  return renderRoutes([{ path: pattern, element }], { path, language });
}
