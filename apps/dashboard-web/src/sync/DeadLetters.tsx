import { Alert, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../api/client';
import type { DeadLetter, DeadLetters as DeadLettersAnswer } from '../api/types';
import { formatDateTime } from '../ui/format';
import { ErrorAlert } from '../ui/QueryState';
import { KeyCancelled, useApiKey } from './ApiKeyProvider';

/** The body as sent: pretty JSON when it is JSON. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The orchestrator's dead letters: reading them needs the API key too, so they load on request. */
export function DeadLetters() {
  const { t, i18n } = useTranslation();
  const { withKey } = useApiKey();
  const client = useQueryClient();
  const [shown, setShown] = useState(false);
  const [inspected, setInspected] = useState<DeadLetter | null>(null);

  const letters = useQuery({
    queryKey: ['dead-letters'],
    queryFn: ({ signal }) =>
      withKey((apiKey) =>
        apiGet<DeadLettersAnswer>('/api/orchestrator/dead-letters', { limit: 100 }, { signal, apiKey }),
      ),
    enabled: shown,
    retry: false,
  });

  const replay = useMutation({
    mutationFn: (limit: number) =>
      withKey((apiKey) =>
        apiPost<{ replayed: number }>('/api/orchestrator/dead-letters/replay', { limit }, { apiKey }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['dead-letters'] }),
  });

  const list = letters.data?.dead_letters ?? [];
  const cancelled = letters.error instanceof KeyCancelled;

  return (
    <Stack gap="sm">
      <Group>
        <Button
          variant="default"
          onClick={() => (shown ? void letters.refetch() : setShown(true))}
          loading={letters.isFetching}
          data-testid="dead-letters-load"
        >
          {shown && !cancelled ? t('deadLetters.refresh') : t('deadLetters.load')}
        </Button>
        {list.length > 0 && (
          <Button
            color="orange"
            variant="light"
            onClick={() => replay.mutate(list.length)}
            loading={replay.isPending}
            data-testid="dead-letters-replay"
          >
            {t('deadLetters.replayAll', { count: list.length })}
          </Button>
        )}
      </Group>
      {replay.data && (
        <Alert color="green" role="status">
          {t('deadLetters.replayed', { count: replay.data.replayed })}
        </Alert>
      )}
      {replay.error && !(replay.error instanceof KeyCancelled) && <ErrorAlert error={replay.error} />}
      {letters.isError && !cancelled && <ErrorAlert error={letters.error} onRetry={() => void letters.refetch()} />}
      {letters.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('deadLetters.queue', { queue: letters.data.queue, count: list.length })}
          </Text>
          {list.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="dead-letters">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('deadLetters.type')}</Table.Th>
                    <Table.Th>{t('deadLetters.reason')}</Table.Th>
                    <Table.Th>{t('deadLetters.failedAt')}</Table.Th>
                    <Table.Th>{t('deadLetters.attempts')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((letter, i) => (
                    <Table.Tr key={letter.message_id ?? i}>
                      <Table.Td>
                        <Code>{letter.type ?? letter.original_routing_key ?? '?'}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {letter.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(letter.failed_at, i18n.language)}</Table.Td>
                      <Table.Td>{letter.attempts}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setInspected(letter)}>
                          {t('deadLetters.inspect')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      <Modal opened={inspected !== null} onClose={() => setInspected(null)} title={t('deadLetters.letter')} size="xl">
        {inspected && (
          <Stack gap="xs">
            <dl style={{ margin: 0 }}>
              {(
                [
                  ['message_id', inspected.message_id],
                  ['type', inspected.type],
                  ['original_routing_key', inspected.original_routing_key],
                  ['reason', inspected.reason],
                  ['attempts', String(inspected.attempts)],
                  ['failed_at', inspected.failed_at],
                  ['failed_by', inspected.failed_by],
                  ['correlation_id', inspected.correlation_id],
                ] as const
              ).map(([k, v]) => (
                <Group key={k} gap="xs" wrap="nowrap" align="baseline">
                  <Text component="dt" size="xs" c="dimmed" w={160} style={{ flexShrink: 0 }}>
                    {k}
                  </Text>
                  <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                    {v ?? '—'}
                  </Text>
                </Group>
              ))}
            </dl>
            <Code block style={{ maxHeight: 400, overflow: 'auto' }}>
              {prettyBody(inspected.body)}
            </Code>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
