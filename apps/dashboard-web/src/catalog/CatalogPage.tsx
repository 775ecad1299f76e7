import { Anchor, Group, Loader, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useEvent, useProject, useProjects, useSeason } from '../api/queries';
import type { Counts } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorAlert, QueryState } from '../ui/QueryState';
import classes from './CatalogPage.module.css';

/** "2 seasons · 3 events · 4 episodes · 5 files · 6 clips", leaving out levels below `from`. */
export function CountsLine({ counts, from = 'seasons' }: { counts: Partial<Counts>; from?: keyof Counts }) {
  const { t } = useTranslation();
  const order: (keyof Counts)[] = ['seasons', 'events', 'episodes', 'files', 'clips'];
  const shown = order.slice(order.indexOf(from)).filter((k) => counts[k] !== undefined);
  return (
    <Text span size="xs" c="dimmed" className={classes.counts}>
      {shown.map((k) => t(`counts.${k}`, { count: counts[k] })).join(' · ')}
    </Text>
  );
}

/** The catalog tree, project → season → event → episode, each level loaded when opened. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  usePageTitle(code ?? t('catalog.title'));
  const projects = useProjects();
  return (
    <Stack gap="md">
      <Title order={2}>{t('catalog.title')}</Title>
      <QueryState query={projects}>
        {(page) =>
          page.items.length === 0 ? (
            <Text>{t('catalog.empty')}</Text>
          ) : (
            <ul className={classes.tree} aria-label={t('catalog.title')}>
              {page.items.map((p) => (
                <Node
                  key={p.code}
                  label={
                    <>
                      <Text span fw={600}>
                        {p.name}
                      </Text>{' '}
                      <Text span size="sm" c="dimmed">
                        ({p.code})
                      </Text>
                    </>
                  }
                  counts={<CountsLine counts={p.counts} />}
                  initiallyOpen={p.code === code}
                  testId="catalog-project"
                >
                  <ProjectChildren code={p.code} />
                </Node>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Stack>
  );
}

function Node({
  label,
  counts,
  children,
  initiallyOpen = false,
  testId,
}: {
  label: ReactNode;
  counts: ReactNode;
  children: ReactNode;
  initiallyOpen?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <li className={classes.node} data-testid={testId}>
      <UnstyledButton className={classes.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={classes.chevron} aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        <span>
          {label} {counts}
        </span>
      </UnstyledButton>
      {open && children}
    </li>
  );
}

function Level({
  query,
  children,
}: {
  query: { isLoading: boolean; isError: boolean; error: unknown };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (query.isLoading) return <Loader size="xs" m="xs" role="status" aria-label={t('common.loading')} />;
  return <ul className={classes.tree}>{children}</ul>;
}

function ProjectChildren({ code }: { code: string }) {
  const project = useProject(code);
  return (
    <Level query={project}>
      {project.data?.seasons.map((s) => (
        <Node key={s.id} label={s.label} counts={<CountsLine counts={s.counts} from="events" />}>
          <SeasonChildren id={s.id} />
        </Node>
      ))}
    </Level>
  );
}

function SeasonChildren({ id }: { id: string }) {
  const season = useSeason(id);
  return (
    <Level query={season}>
      {season.data?.events.map((e) => (
        <Node key={e.id} label={e.label} counts={<CountsLine counts={e.counts} from="episodes" />}>
          <EventChildren id={e.id} />
        </Node>
      ))}
    </Level>
  );
}

function EventChildren({ id }: { id: string }) {
  const { t } = useTranslation();
  const event = useEvent(id);
  return (
    <Level query={event}>
      {event.data?.episodes.map((ep) => (
        <li key={ep.id} className={classes.leaf}>
          <Group gap="xs" wrap="nowrap">
            <Anchor
              component={Link}
              to={`/episodes/${encodeURIComponent(ep.id)}`}
              size="sm"
              data-testid="catalog-episode"
            >
              {ep.title}
            </Anchor>
            {ep.final_table && (
              <Text span size="xs" c="orange">
                {t('catalog.finalTable')}
              </Text>
            )}
            <CountsLine counts={ep.counts} from="files" />
          </Group>
        </li>
      ))}
    </Level>
  );
}
