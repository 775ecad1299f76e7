import { lazy } from 'react';
import { Navigate, RouteObject } from 'react-router-dom';
import { SearchPage } from '../search/SearchPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

// The search page is the landing page and comes with the first bundle; the rest loads when first visited.
const CatalogPage = lazy(() => import('../catalog/CatalogPage'));
const EpisodePage = lazy(() => import('../catalog/EpisodePage'));
const FilePage = lazy(() => import('../catalog/FilePage'));
const PlayerPage = lazy(() => import('../player/PlayerPage'));
const AttentionPage = lazy(() => import('../attention/AttentionPage'));
const SyncPage = lazy(() => import('../sync/SyncPage'));

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/search" replace /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'catalog/:code', element: <CatalogPage /> },
      { path: 'episodes/:id', element: <EpisodePage /> },
      { path: 'files/:id', element: <FilePage /> },
      { path: 'clips/:id', element: <PlayerPage /> },
      { path: 'attention', element: <AttentionPage /> },
      { path: 'sync', element: <SyncPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
