import { Accordion, Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../api/client';
import { useRuns } from '../api/queries';
import type { SyncTrigger } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { formatDateTime, formatDuration } from '../ui/format';
import { ErrorAlert, QueryState } from '../ui/QueryState';
import { ApiKeyProvider, KeyCancelled, useApiKey } from './ApiKeyProvider';
import { BlockTable, StatusBadge } from './BlockTable';
import { DeadLetters } from './DeadLetters';
import { RunPhases } from './RunPhases';
import { useStatusStream } from './useStatusStream';

/** Only this page's actions need the operator key, so the key dialog lives here (and loads with it). */
export default function SyncPage() {
  return (
    <ApiKeyProvider>
      <SyncView />
    </ApiKeyProvider>
  );
}

function SyncView() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('sync.title'));
  const client = useQueryClient();
  const { withKey } = useApiKey();
  const runs = useRuns();
  const { status, state } = useStatusStream((next, previous) => {
    // A run started or finished: the history changed.
    if (next.current_run?.id !== previous?.current_run?.id || next.last_sync !== previous?.last_sync) {
      void client.invalidateQueries({ queryKey: ['runs'] });
    }
  });

  const trigger = useMutation({
    mutationFn: (syncType: 'full' | 'incremental') =>
      withKey((apiKey) => apiPost<SyncTrigger>('/api/orchestrator/sync', { sync_type: syncType }, { apiKey })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['runs'] }),
  });

  const current = status.data?.current_run ?? null;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('sync.title')}</Title>
        <Badge
          variant="dot"
          color={state === 'live' ? 'green' : state === 'polling' ? 'gray' : 'yellow'}
          data-testid="stream-state"
          data-state={state}
        >
          {t(`sync.stream.${state}`)}
        </Badge>
      </Group>

      <Group gap="sm">
        <Button
          onClick={() => trigger.mutate('full')}
          loading={trigger.isPending && trigger.variables === 'full'}
          data-testid="sync-full"
        >
          {t('sync.full')}
        </Button>
        <Button
          variant="light"
          onClick={() => trigger.mutate('incremental')}
          loading={trigger.isPending && trigger.variables === 'incremental'}
          data-testid="sync-incremental"
        >
          {t('sync.incremental')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('sync.keyNote')}
        </Text>
      </Group>
      {trigger.data && (
        <Alert color={trigger.data.status === 'started' ? 'blue' : 'yellow'} role="status" data-testid="sync-started">
          {t(trigger.data.status === 'started' ? 'sync.started' : 'sync.alreadyRunning', { id: trigger.data.task_id })}
        </Alert>
      )}
      {trigger.error && !(trigger.error instanceof KeyCancelled) && <ErrorAlert error={trigger.error} />}

      <section aria-labelledby="sync-blocks">
        <Group gap="sm" mb="xs">
          <Title order={3} id="sync-blocks">
            {t('sync.blocks')}
          </Title>
          {status.data && (
            <Group gap={6}>
              <Text size="sm">{t('sync.overall')}</Text>
              <StatusBadge status={status.data.overall} />
            </Group>
          )}
        </Group>
        <QueryState query={status}>
          {(s) => (
            <Stack gap="xs">
              <BlockTable status={s} />
              <Group gap="lg">
                <Text size="sm">
                  {t('sync.lastSync')}: {formatDateTime(s.last_sync, i18n.language)}
                </Text>
                <Text size="sm">
                  {t('sync.nextSync')}: {formatDateTime(s.next_scheduled_sync, i18n.language)}
                </Text>
              </Group>
            </Stack>
          )}
        </QueryState>
      </section>

      {current && (
        <section aria-labelledby="sync-current">
          <Title order={3} id="sync-current" mb="xs">
            {t('sync.currentRun', { type: current.sync_type })}
          </Title>
          <RunPhases run={current} />
        </section>
      )}

      <section aria-labelledby="sync-history">
        <Title order={3} id="sync-history" mb="xs">
          {t('sync.history')}
        </Title>
        <QueryState query={runs}>
          {(list) =>
            list.length === 0 ? (
              <Text c="dimmed">{t('sync.noRuns')}</Text>
            ) : (
              <Accordion variant="separated" multiple data-testid="run-history">
                {list.map((run) => (
                  <Accordion.Item key={run.id} value={run.id} data-testid="run" data-status={run.status}>
                    <Accordion.Control>
                      <Group gap="sm" wrap="wrap">
                        <StatusBadge status={run.status} />
                        <Text size="sm" fw={600}>
                          {t(`syncTypes.${run.sync_type}`, run.sync_type)}
                        </Text>
                        <Text size="sm">{formatDateTime(run.started_at, i18n.language)}</Text>
                        <Text size="sm" c="dimmed">
                          {formatDuration(run.duration_ms)}
                        </Text>
                        {run.requested_by && (
                          <Text size="xs" c="dimmed">
                            {t('sync.requestedBy', { who: run.requested_by })}
                          </Text>
                        )}
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      {run.error && (
                        <Text size="sm" c="red" mb="xs">
                          {run.error}
                        </Text>
                      )}
                      <RunPhases run={run} />
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
              </Accordion>
            )
          }
        </QueryState>
      </section>

      <section aria-labelledby="sync-dead-letters">
        <Title order={3} id="sync-dead-letters" mb="xs">
          {t('deadLetters.title')}
        </Title>
        <DeadLetters />
      </section>
    </Stack>
  );
}
