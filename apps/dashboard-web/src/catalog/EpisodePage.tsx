import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useEpisode } from '../api/queries';
import type { EpisodeDetail } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { QueryState } from '../ui/QueryState';
import { ClipTable } from './ClipTable';
import { FileTable } from './FileTable';

const EXPORTS = ['csv', 'edl', 'fcpxml', 'json'] as const;

export default function EpisodePage() {
  const { id } = useParams();
  const episode = useEpisode(id);
  return <QueryState query={episode}>{(e) => <EpisodeView episode={e} />}</QueryState>;
}

function EpisodeView({ episode }: { episode: EpisodeDetail }) {
  const { t } = useTranslation();
  usePageTitle(episode.title);
  const facts = [
    episode.day !== null && episode.day !== undefined ? t('episode.day', { day: episode.day }) : null,
    episode.episode_number !== null && episode.episode_number !== undefined
      ? t('episode.number', { number: episode.episode_number })
      : null,
    episode.air_date,
  ].filter(Boolean);
  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/catalog">
          {t('catalog.title')}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${encodeURIComponent(episode.project.code)}`}>
          {episode.project.name}
        </Anchor>
        <Text span size="sm">
          {episode.season.label}
        </Text>
        <Text span size="sm">
          {episode.event.label}
        </Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2}>{episode.title}</Title>
          {episode.final_table && (
            <Badge color="orange" variant="light">
              {t('catalog.finalTable')}
            </Badge>
          )}
        </Group>
        {facts.length > 0 && <Text c="dimmed">{facts.join(' · ')}</Text>}
      </Stack>
      <section aria-labelledby="episode-clips">
        <Group justify="space-between" mb="xs">
          <Title order={3} id="episode-clips">
            {t('episode.clips', { count: episode.clips.length })}
          </Title>
          {episode.clips.length > 0 && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('episode.export')}
              </Text>
              {EXPORTS.map((format) => (
                <Anchor
                  key={format}
                  size="sm"
                  href={`/api/exports?format=${format}&episode=${encodeURIComponent(episode.id)}`}
                  download
                >
                  {format.toUpperCase()}
                </Anchor>
              ))}
            </Group>
          )}
        </Group>
        <ClipTable clips={episode.clips} caption={t('episode.clips', { count: episode.clips.length })} />
      </section>
      <section aria-labelledby="episode-files">
        <Title order={3} id="episode-files" mb="xs">
          {t('episode.files', { count: episode.files.length })}
        </Title>
        <FileTable files={episode.files} caption={t('episode.files', { count: episode.files.length })} />
      </section>
    </Stack>
  );
}
