import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { VideoFile } from '../api/types';
import { frameClock, rateLabel } from '../timecode/frame-clock';
import { formatBytes } from '../ui/format';

export function FileTable({ files, caption }: { files: VideoFile[]; caption: string }) {
  const { t } = useTranslation();
  if (files.length === 0) return <Text c="dimmed">{t('episode.noFiles')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('file.name')}</Table.Th>
            <Table.Th>{t('file.path')}</Table.Th>
            <Table.Th>{t('file.rate')}</Table.Th>
            <Table.Th>{t('file.duration')}</Table.Th>
            <Table.Th>{t('file.size')}</Table.Th>
            <Table.Th>{t('file.clips')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((f) => {
            const clock = frameClock(f.media?.frame_rate);
            return (
              <Table.Tr key={f.id} data-testid="file-row">
                <Table.Td>
                  <Anchor component={Link} to={`/files/${encodeURIComponent(f.id)}`}>
                    {f.file_name}
                  </Anchor>
                  {f.status === 'missing' && (
                    <Badge ml={6} size="xs" color="red" variant="light">
                      {t('file.missing')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {f.root}/{f.path}
                  </Text>
                </Table.Td>
                <Table.Td>{clock ? rateLabel(clock) : '—'}</Table.Td>
                <Table.Td>{f.media?.duration_s != null ? `${f.media.duration_s.toFixed(2)} s` : '—'}</Table.Td>
                <Table.Td>{formatBytes(f.size)}</Table.Td>
                <Table.Td>{f.clips}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
