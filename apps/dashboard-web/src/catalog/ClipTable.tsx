import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Clip } from '../api/types';
import { shownTags } from '../ui/clip-view';

/** Clips of an episode or a file; each opens the player, whose previous/next are these clips in this order. */
export function ClipTable({ clips, caption }: { clips: Clip[]; caption: string }) {
  const { t } = useTranslation();
  if (clips.length === 0) return <Text c="dimmed">{t('episode.noClips')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clip.hand')}</Table.Th>
            <Table.Th>{t('clip.inOut')}</Table.Th>
            <Table.Th>{t('clip.players')}</Table.Th>
            <Table.Th>{t('clip.tags')}</Table.Th>
            <Table.Th>{t('clip.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clips.map((c) => (
            <Table.Tr key={c.id} data-testid="episode-clip" data-clip-id={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/clips/${encodeURIComponent(c.id)}`}>
                  {c.hand_no ? `#${c.hand_no}` : t('player.untitledHand')}
                </Anchor>
              </Table.Td>
              <Table.Td ff="monospace">
                {c.in.smpte ?? c.in.text} – {c.out.smpte ?? c.out.text}
              </Table.Td>
              <Table.Td>{c.players.join(', ')}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {shownTags(c).map((tag) => (
                    <Badge key={tag.name} size="xs" variant="light" tt="none">
                      {tag.name}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge
                  size="sm"
                  variant="light"
                  color={c.status === 'valid' ? 'green' : 'red'}
                  title={c.reasons.join('; ')}
                >
                  {t(`status.${c.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
