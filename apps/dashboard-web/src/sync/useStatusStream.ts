import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { apiGet } from '../api/client';
import type { OrchestratorStatus } from '../api/types';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'polling';

export const STATUS_STREAM_URL = '/api/orchestrator/status/stream';

/**
 * The orchestrator's status, live: server-sent events (`event: status`) through
 * the API, reconnecting by itself; a plain GET fills in before the first event
 * and is polled when the browser has no EventSource.
 */
export function useStatusStream(
  onChange?: (next: OrchestratorStatus, previous: OrchestratorStatus | undefined) => void,
) {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>(typeof EventSource === 'undefined' ? 'polling' : 'connecting');
  const changed = useRef(onChange);
  changed.current = onChange;

  const status = useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => apiGet<OrchestratorStatus>('/api/orchestrator/status', {}, { signal }),
    refetchInterval: state === 'live' ? false : 3000,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(STATUS_STREAM_URL);
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'polling' : 'reconnecting');
    source.addEventListener('status', (event) => {
      let next: OrchestratorStatus;
      try {
        next = JSON.parse((event as MessageEvent<string>).data) as OrchestratorStatus;
      } catch {
        return;
      }
      setState('live');
      const previous = client.getQueryData<OrchestratorStatus>(['status']);
      client.setQueryData(['status'], next);
      changed.current?.(next, previous);
    });
    return () => source.close();
  }, [client]);

  return { status, state };
}
