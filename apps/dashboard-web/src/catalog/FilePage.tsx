import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useClips, useFile } from '../api/queries';
import type { VideoFile } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { frameClock, rateLabel } from '../timecode/frame-clock';
import { QueryState } from '../ui/QueryState';
import { formatBytes } from '../ui/format';
import { ClipTable } from './ClipTable';
import { CannotPlay } from '../player/CannotPlay';

export default function FilePage() {
  const { id } = useParams();
  const file = useFile(id);
  return <QueryState query={file}>{(f) => <FileView file={f} />}</QueryState>;
}

function FileView({ file }: { file: VideoFile }) {
  const { t } = useTranslation();
  usePageTitle(file.file_name);
  const clips = useClips({ file: file.id });
  const clock = frameClock(file.media?.frame_rate);
  const [failed, setFailed] = useState(false);
  const src = `/api/files/${encodeURIComponent(file.id)}/stream`;
  return (
    <Stack gap="md">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/catalog">
          {t('catalog.title')}
        </Anchor>
        {file.episode ? (
          <Anchor component={Link} to={`/episodes/${encodeURIComponent(file.episode.id)}`}>
            {file.episode.title}
          </Anchor>
        ) : (
          <Anchor component={Link} to="/attention">
            {t('attention.unmatchedFiles')}
          </Anchor>
        )}
      </Breadcrumbs>
      <Title order={2} style={{ overflowWrap: 'anywhere' }}>
        {file.file_name}
      </Title>
      <Text c="dimmed" size="sm">
        {[
          `${file.root}/${file.path}`,
          file.content_type,
          clock ? rateLabel(clock) : null,
          file.media?.duration_s != null ? `${file.media.duration_s.toFixed(2)} s` : null,
          formatBytes(file.size),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <video
        src={src}
        controls
        preload="metadata"
        style={{ width: '100%', maxWidth: 960, aspectRatio: '16 / 9', background: '#000' }}
        aria-label={t('player.videoLabel', { title: file.file_name })}
        onError={() => setFailed(true)}
      />
      {failed && <CannotPlay src={src} />}
      <Title order={3}>{t('episode.clips', { count: clips.data?.total ?? 0 })}</Title>
      <QueryState query={clips}>
        {(page) => <ClipTable clips={page.items} caption={t('episode.clips', { count: page.total })} />}
      </QueryState>
    </Stack>
  );
}
