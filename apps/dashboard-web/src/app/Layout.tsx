import { Anchor, AppShell, Box, Group, Title, VisuallyHidden } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { LanguageToggle } from './LanguageToggle';
import classes from './Layout.module.css';

const NAV = [
  { to: '/search', key: 'nav.search' },
  { to: '/catalog', key: 'nav.catalog' },
  { to: '/attention', key: 'nav.attention' },
  { to: '/sync', key: 'nav.sync' },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page (as a full page load would) for screen readers.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <AppShell header={{ height: 56 }} padding="md">
      <a href="#main" className={classes.skip}>
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={1} size="h4">
              <Anchor component={NavLink} to="/search" underline="never" c="inherit">
                PokerVOD
              </Anchor>
            </Title>
            <Box component="nav" aria-label={t('nav.main')}>
              <Group gap="xs" component="ul" className={classes.navList}>
                {NAV.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} className={classes.navLink}>
                      {t(item.key)}
                    </NavLink>
                  </li>
                ))}
              </Group>
            </Box>
          </Group>
          <LanguageToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <main id="main" ref={main} tabIndex={-1} className={classes.main}>
          <Suspense fallback={<VisuallyHidden>{t('common.loading')}</VisuallyHidden>}>
            <Outlet />
          </Suspense>
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
