import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClip } from '../api/queries';
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

function ClipResult({ item, href }: { item: SearchItem; href: string }) {
  const { t } = useTranslation();
  // The search item names the clip; its in/out and episode come with it when the API sends them, else from the clip.
  const needsDetail = !item.in || item.episode_title === undefined;
  const detail = useClip(item.id, needsDetail).data;
  const inTc = item.in ?? detail?.in;
  const outTc = item.out ?? detail?.out;
  const episode = item.episode_title ?? detail?.episode?.title ?? null;
  return (
    <li className={classes.row} data-testid="clip-result" data-clip-id={item.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={href} fw={600} className={classes.title}>
            {item.title}
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {[item.project_code, item.year, episode].filter(Boolean).join(' · ') || t('search.unplaced')}
          </Text>
          {item.snippet && (
            <Text size="sm" lineClamp={2}>
              {item.snippet}
            </Text>
          )}
          <Group gap={4} mt={2}>
            {item.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light" tt="none">
                {tag}
              </Badge>
            ))}
            {item.players.length > 0 && (
              <Text size="xs" c="dimmed" ml={4}>
                {item.players.join(', ')}
              </Text>
            )}
          </Group>
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <Text ff="monospace" size="sm" aria-label={t('search.inOut')}>
            {inTc?.smpte ?? inTc?.text ?? '…'} – {outTc?.smpte ?? outTc?.text ?? '…'}
          </Text>
          {item.status === 'invalid' && (
            <Badge color="red" variant="light" size="sm">
              {t('status.invalid')}
            </Badge>
          )}
        </Stack>
      </Group>
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
