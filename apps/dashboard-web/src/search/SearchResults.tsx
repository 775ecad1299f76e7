import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SearchItem } from '../api/types';
import classes from './SearchResults.module.css';

/** Where a result opens in the dashboard; `context` is the search, so the player can offer its other clips. */
export function itemLink(item: SearchItem, context: URLSearchParams): string {
  switch (item.kind) {
    case 'clip': {
      const params = new URLSearchParams(context);
      params.set('from', 'search');
      return `/clips/${encodeURIComponent(item.id)}?${params}`;
    }
    case 'episode':
      return `/episodes/${encodeURIComponent(item.id)}`;
    case 'file':
      return `/files/${encodeURIComponent(item.id)}`;
    case 'project':
      return `/catalog/${encodeURIComponent(item.id)}`;
  }
}

export function SearchResults({ items, context }: { items: SearchItem[]; context: URLSearchParams }) {
  return (
    <ol className={classes.list}>
      {items.map((item) =>
        item.kind === 'clip' ? (
          <ClipResult key={`clip:${item.id}`} item={item} href={itemLink(item, context)} />
        ) : (
          <OtherResult key={`${item.kind}:${item.id}`} item={item} href={itemLink(item, context)} />
        ),
      )}
    </ol>
  );
}

/**
 * One clip row. Plain elements rather than library components: a result list re-renders on every search,
 * and 30 rows of nested components are what a keystroke waits for.
 */
function ClipResult({ item, href }: { item: SearchItem; href: string }) {
  const { t } = useTranslation();
  const { in: inTc, out: outTc, episode_title: episode } = item;
  return (
    <li className={classes.row} data-testid="clip-result" data-clip-id={item.id}>
      <div className={classes.main}>
        <Link to={href} className={classes.title}>
          {item.title}
        </Link>
        <div className={classes.meta}>
          {[item.project_code, item.year, episode].filter(Boolean).join(' · ') || t('search.unplaced')}
        </div>
        {item.snippet && <p className={classes.snippet}>{item.snippet}</p>}
        <div className={classes.tags}>
          {item.tags.map((tag) => (
            <span key={tag} className={classes.tag}>
              {tag}
            </span>
          ))}
          {item.players.length > 0 && <span className={classes.players}>{item.players.join(', ')}</span>}
        </div>
      </div>
      <div className={classes.side}>
        <span className={classes.timecode} aria-label={t('search.inOut')}>
          {inTc?.smpte ?? inTc?.text ?? '…'} – {outTc?.smpte ?? outTc?.text ?? '…'}
        </span>
        {item.status === 'invalid' && <span className={classes.invalid}>{t('status.invalid')}</span>}
      </div>
    </li>
  );
}

function OtherResult({ item, href }: { item: SearchItem; href: string }) {
  const { t } = useTranslation();
  return (
    <li className={classes.row} data-testid="search-result" data-kind={item.kind}>
      <Group gap="sm" wrap="nowrap">
        <Badge variant="outline" size="sm" color="gray" style={{ flexShrink: 0 }}>
          {t(`kinds.${item.kind}`)}
        </Badge>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={href} fw={500} className={classes.title}>
            {item.title}
          </Anchor>
          {(item.snippet || item.project_code) && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {[item.project_code, item.year, item.snippet].filter(Boolean).join(' · ')}
            </Text>
          )}
        </Stack>
      </Group>
    </li>
  );
}
