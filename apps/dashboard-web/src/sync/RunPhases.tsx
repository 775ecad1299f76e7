import { Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../api/types';
import { formatDuration } from '../ui/format';
import { STATUS_COLORS, StatusBadge } from './BlockTable';

/** A run's phases with their timings (a bar per phase, as a share of the run), and each step under it. */
export function RunPhases({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const total = run.duration_ms ?? Math.max(1, ...run.phases.map((p) => p.duration_ms ?? 0));
  return (
    <Stack gap="xs">
      <Progress.Root size="lg" aria-label={t('sync.phaseTimings')}>
        {run.phases.map((p) =>
          p.duration_ms ? (
            <Progress.Section
              key={p.phase}
              value={Math.max(2, (p.duration_ms / total) * 100)}
              color={STATUS_COLORS[p.status]}
              title={`${p.name}: ${formatDuration(p.duration_ms)}`}
              aria-label={`${p.name}: ${formatDuration(p.duration_ms)}`}
            >
              <Progress.Label>{p.name}</Progress.Label>
            </Progress.Section>
          ) : null,
        )}
      </Progress.Root>
      <Table withRowBorders={false} verticalSpacing={2} data-testid="run-phases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.phase')}</Table.Th>
            <Table.Th>{t('sync.status')}</Table.Th>
            <Table.Th>{t('sync.duration')}</Table.Th>
            <Table.Th>{t('sync.steps')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.phases.map((p) => (
            <Table.Tr key={p.phase} data-phase={p.name}>
              <Table.Td>
                {p.phase}. {t(`phases.${p.name}`, p.name)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td ff="monospace">{formatDuration(p.duration_ms)}</Table.Td>
              <Table.Td>
                <Group gap="sm">
                  {p.steps.map((s) => (
                    <Text
                      key={s.block_id + s.name}
                      size="xs"
                      c={s.error ? 'red' : undefined}
                      title={s.error ?? undefined}
                    >
                      {s.block_id} {s.name}: {t(`status.${s.status}`, s.status)} ({formatDuration(s.duration_ms)})
                    </Text>
                  ))}
                </Group>
                {p.error && (
                  <Text size="xs" c="red">
                    {p.error}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
