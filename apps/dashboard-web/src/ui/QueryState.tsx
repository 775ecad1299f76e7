import { Alert, Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Loading spinner, or the API's error with a retry button, or the content. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Center p="lg">
      <Loader size="sm" role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  const title =
    api?.status === 404
      ? t('errors.notFound')
      : api?.code === 'api_unreachable' || api?.status === 502 || api?.status === 0
        ? t('errors.apiDown')
        : t('errors.failed');
  return (
    <Alert color="red" title={title} role="alert" my="sm">
      {(error as Error)?.message}
      {onRetry && (
        <Button variant="light" color="red" size="xs" ml="md" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
