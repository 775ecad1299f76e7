import '@mantine/core/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { Providers } from './app/Providers';
import { routes } from './app/router';
import { createI18n } from './i18n/i18n';

const router = createBrowserRouter(routes);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Providers i18n={createI18n()}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
