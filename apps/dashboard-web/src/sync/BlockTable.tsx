import { Badge, Progress, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BlockId, BreakerState, OrchestratorStatus, SyncStatus } from '../api/types';
import { formatDateTime } from '../ui/format';

export const BLOCK_IDS: BlockId[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

export const STATUS_COLORS: Record<SyncStatus, string> = {
  idle: 'gray',
  in_progress: 'blue',
  completed: 'green',
  partial: 'orange',
  failed: 'red',
};

const BREAKER_COLORS: Record<BreakerState, string> = { CLOSED: 'green', HALF_OPEN: 'yellow', OPEN: 'red' };

export function StatusBadge({ status }: { status: SyncStatus | string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status as SyncStatus] ?? 'gray'} variant="light" data-status={status}>
      {t(`status.${status}`, status)}
    </Badge>
  );
}

/** Percent done, or null when the block does not count its items (then the bar follows the status). */
export function progressOf(processed: number, total: number, status: SyncStatus): number {
  if (total > 0) return Math.min(100, Math.round((processed / total) * 100));
  return status === 'completed' ? 100 : 0;
}

/** The blocks A–G: status, progress, last sync, breaker, last error (docs/architecture.md#status-endpoint). */
export function BlockTable({ status }: { status: OrchestratorStatus }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="sync-status" data-overall={status.overall} verticalSpacing="xs">
        <caption className="visually-hidden">{t('sync.blocks')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.block')}</Table.Th>
            <Table.Th>{t('sync.status')}</Table.Th>
            <Table.Th w="28%">{t('sync.progress')}</Table.Th>
            <Table.Th>{t('sync.breaker')}</Table.Th>
            <Table.Th>{t('sync.lastSync')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {BLOCK_IDS.flatMap((id) => {
            const block = status.blocks[id];
            if (!block) return [];
            const breaker = status.breakers?.[id];
            const percent = progressOf(block.items_processed, block.items_total, block.status);
            return (
              <Table.Tr key={id} data-testid="block-row" data-block={id} data-status={block.status}>
                <Table.Td>
                  <Text fw={600} span>
                    {id}
                  </Text>{' '}
                  <Text span size="sm">
                    {t(`blocks.${id}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={block.status} />
                  {block.last_error && (
                    <Text size="xs" c="red" lineClamp={2} title={block.last_error}>
                      {block.last_error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Progress
                    value={percent}
                    color={STATUS_COLORS[block.status]}
                    animated={block.status === 'in_progress'}
                    aria-label={t('sync.progressOf', { block: id })}
                    size="lg"
                  />
                  <Text size="xs" c="dimmed">
                    {block.items_total > 0
                      ? t('sync.items', { processed: block.items_processed, total: block.items_total })
                      : `${percent}%`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {breaker ? (
                    <Tooltip label={t(`breakers.${breaker}`)}>
                      <Badge color={BREAKER_COLORS[breaker]} variant="dot" data-breaker={breaker}>
                        {breaker}
                      </Badge>
                    </Tooltip>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(block.last_sync_at, i18n.language)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
