import { Alert, Anchor, Badge, Breadcrumbs, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useClip } from '../api/queries';
import type { Clip } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { frameClock } from '../timecode/frame-clock';
import { QueryState } from '../ui/QueryState';
import { sheetName, sheetRowUrl } from '../ui/format';
import { ClipPlayer } from './ClipPlayer';
import { usePlaylist } from './usePlaylist';
import { clipTitle, shownTags } from '../ui/clip-view';

export default function PlayerPage() {
  const { id } = useParams();
  const query = useClip(id);
  return <QueryState query={query}>{(clip) => <ClipView clip={clip} />}</QueryState>;
}

function ClipView({ clip }: { clip: Clip }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const playlist = usePlaylist(clip, params);
  const title = clipTitle(clip, t);
  usePageTitle(title);
  const clock = useMemo(() => frameClock(clip.frame_rate, clip.drop_frame), [clip.frame_rate, clip.drop_frame]);
  const go = (to: string | null) => (to ? () => navigate(`/clips/${encodeURIComponent(to)}?${params}`) : undefined);
  const link = `${window.location.origin}/clips/${encodeURIComponent(clip.id)}`;
  const fromSearch = params.get('from') === 'search';
  const searchBack = new URLSearchParams(params);
  searchBack.delete('from');
  const sheetUrl = clip.source?.sheet_id
    ? sheetRowUrl(clip.source.sheet_id, clip.source.row_number, clip.source.tab)
    : null;

  return (
    <Stack gap="md">
      <Breadcrumbs separator="›">
        {fromSearch ? (
          <Anchor component={Link} to={`/search?${searchBack}`}>
            {t('player.backToSearch')}
          </Anchor>
        ) : (
          <Anchor component={Link} to="/search">
            {t('nav.search')}
          </Anchor>
        )}
        {clip.project_code && (
          <Anchor component={Link} to={`/catalog/${encodeURIComponent(clip.project_code)}`}>
            {clip.project_code}
          </Anchor>
        )}
        {clip.episode && (
          <Anchor component={Link} to={`/episodes/${encodeURIComponent(clip.episode.id)}`}>
            {clip.episode.title}
          </Anchor>
        )}
      </Breadcrumbs>
      <Group justify="space-between" align="baseline">
        <Title order={2}>{title}</Title>
        {playlist && playlist.position > 0 && (
          <Text size="sm" c="dimmed">
            {t('player.position', { position: playlist.position, size: playlist.size })}
          </Text>
        )}
      </Group>
      {clip.status === 'invalid' && (
        <Alert color="red" title={t('status.invalid')}>
          <List size="sm">
            {clip.reasons.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {clip.file && clock ? (
            <ClipPlayer
              key={clip.id}
              clip={clip}
              clock={clock}
              src={`/api/files/${encodeURIComponent(clip.file.id)}/stream`}
              onPrevious={go(playlist?.previous ?? null)}
              onNext={go(playlist?.next ?? null)}
              link={link}
            />
          ) : (
            <Alert color="orange">{t('player.noFile')}</Alert>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <dl>
            <Fact label={t('clip.players')}>{clip.players.join(', ') || '—'}</Fact>
            <Fact label={t('clip.tags')}>
              <Group gap={4}>
                {shownTags(clip).length === 0
                  ? '—'
                  : shownTags(clip).map((tag) => (
                      <Badge key={tag.name} variant="light" size="sm" tt="none">
                        {tag.name}
                      </Badge>
                    ))}
              </Group>
            </Fact>
            <Fact label={t('clip.description')}>{clip.description ?? '—'}</Fact>
            <Fact label={t('clip.inOut')}>
              <Text span ff="monospace">
                {clip.in.smpte ?? clip.in.text} – {clip.out.smpte ?? clip.out.text}
              </Text>
              {clip.duration_s !== null && (
                <Text span c="dimmed">
                  {' '}
                  ({clip.duration_s.toFixed(2)} s)
                </Text>
              )}
            </Fact>
            <Fact label={t('clip.file')}>
              {clip.file ? (
                <Anchor component={Link} to={`/files/${encodeURIComponent(clip.file.id)}`}>
                  {clip.file.file_name}
                </Anchor>
              ) : (
                '—'
              )}
            </Fact>
            {clip.source && (
              <Fact label={t('clip.source')}>
                {sheetUrl ? (
                  <Anchor href={sheetUrl} target="_blank" rel="noreferrer">
                    {sheetName(clip.source.sheet_id ?? '')} · {t('attention.row', { row: clip.source.row_number })}
                  </Anchor>
                ) : (
                  <>
                    {sheetName(clip.source.sheet_id ?? '')}
                    {clip.source.row_number !== null && ` · ${t('attention.row', { row: clip.source.row_number })}`}
                  </>
                )}
              </Fact>
            )}
          </dl>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}
