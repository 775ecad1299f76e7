import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunView } from '../api/types';
import { statusFixture } from '../test/fixtures';
import { fakeApi, renderPage } from '../test/render';
import { progressOf } from './BlockTable';
import SyncPage from './SyncPage';
import { STATUS_STREAM_URL } from './useStatusStream';

/** The browser's EventSource, driven by the test: `emit` delivers one server-sent event. */
class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  emit(data: unknown) {
    this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

const run: RunView = {
  id: 'r1',
  sync_type: 'full',
  status: 'completed',
  correlation_id: 'r1',
  requested_by: 'api',
  started_at: '2024-05-01T03:00:00Z',
  finished_at: '2024-05-01T03:00:09Z',
  duration_ms: 9000,
  error: null,
  phases: [
    {
      phase: 1,
      name: 'foundation',
      status: 'completed',
      started_at: '2024-05-01T03:00:00Z',
      finished_at: '2024-05-01T03:00:04Z',
      duration_ms: 4000,
      error: null,
      steps: [
        {
          block_id: 'A',
          name: 'nas.scan',
          status: 'completed',
          started_at: null,
          deadline_at: null,
          finished_at: null,
          duration_ms: 4000,
          error: null,
        },
        {
          block_id: 'B',
          name: 'catalog.update',
          status: 'completed',
          started_at: null,
          deadline_at: null,
          finished_at: null,
          duration_ms: 1500,
          error: null,
        },
      ],
    },
    {
      phase: 2,
      name: 'sheets',
      status: 'completed',
      started_at: null,
      finished_at: null,
      duration_ms: 3000,
      error: null,
      steps: [],
    },
    {
      phase: 3,
      name: 'analysis',
      status: 'completed',
      started_at: null,
      finished_at: null,
      duration_ms: 2000,
      error: null,
      steps: [],
    },
  ],
};

describe('progressOf', () => {
  it('is the share of items done, or follows the status when a block does not count', () => {
    expect(progressOf(3, 12, 'in_progress')).toBe(25);
    expect(progressOf(0, 0, 'completed')).toBe(100);
    expect(progressOf(0, 0, 'in_progress')).toBe(0);
    expect(progressOf(20, 10, 'completed')).toBe(100);
  });
});

describe('SyncPage', () => {
  beforeEach(() => {
    sessionStorage.clear();
    FakeEventSource.last = null;
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the blocks live from the status stream: status, progress, breakers', async () => {
    fakeApi({
      'GET /api/orchestrator/status': { body: statusFixture('idle') },
      'GET /api/orchestrator/runs': { body: [run] },
    });
    renderPage(<SyncPage />);
    const table = await screen.findByTestId('sync-status');
    expect(table).toHaveAttribute('data-overall', 'idle');
    const source = FakeEventSource.last!;
    expect(source.url).toBe(STATUS_STREAM_URL);

    act(() => {
      source.open();
      source.emit(statusFixture('in_progress'));
    });
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-overall', 'in_progress'));
    expect(screen.getByTestId('stream-state')).toHaveAttribute('data-state', 'live');
    const b = screen.getAllByTestId('block-row').find((r) => r.dataset.block === 'B')!;
    expect(within(b).getByText('In progress')).toBeInTheDocument();
    expect(within(b).getByText('3 of 12')).toBeInTheDocument();
    expect(within(b).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    expect(within(b).getByText('OPEN')).toBeInTheDocument();

    act(() => source.emit(statusFixture('completed')));
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-overall', 'completed'));
  });

  it('lists the run history with per-phase timings', async () => {
    fakeApi({
      'GET /api/orchestrator/status': { body: statusFixture('completed') },
      'GET /api/orchestrator/runs': { body: [run] },
    });
    renderPage(<SyncPage />);
    const item = await screen.findByTestId('run');
    expect(item).toHaveAttribute('data-status', 'completed');
    await userEvent.click(within(item).getByRole('button'));
    const phases = await within(item).findByTestId('run-phases');
    expect(within(phases).getByText('1. NAS scan + catalog')).toBeInTheDocument();
    expect(within(phases).getByText('4.0 s')).toBeInTheDocument();
    expect(within(phases).getByText('3.0 s')).toBeInTheDocument();
    expect(within(phases).getByText(/A nas\.scan: Completed \(4\.0 s\)/)).toBeInTheDocument();
  });

  it('asks for the API key once, keeps it for the tab, and triggers full and incremental syncs with it', async () => {
    const api = fakeApi({
      'GET /api/orchestrator/status': { body: statusFixture('idle') },
      'GET /api/orchestrator/runs': { body: [] },
      'POST /api/orchestrator/sync': (call) =>
        call.headers['x-api-key'] === 'operator-key-0123456789'
          ? { status: 202, body: { task_id: 't-1', status: 'started' } }
          : { status: 401, body: { code: 'unauthorized', message: 'missing or wrong X-API-Key' } },
    });
    renderPage(<SyncPage />);
    await userEvent.click(await screen.findByTestId('sync-full'));
    const input = await screen.findByTestId('api-key-input');
    await userEvent.click(input);
    await userEvent.paste('wrong-key-000000000');
    await userEvent.click(screen.getByTestId('api-key-submit'));
    // Refused: asked again, with the reason.
    expect(await screen.findByText(/refused this key/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('api-key-input'));
    await userEvent.paste('operator-key-0123456789');
    await userEvent.click(screen.getByTestId('api-key-submit'));
    expect(await screen.findByTestId('sync-started')).toHaveTextContent('t-1');
    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts.at(-1)!.url.searchParams.get('sync_type')).toBe('full');
    expect(sessionStorage.getItem('pokervod.apiKey')).toBe('operator-key-0123456789');

    await userEvent.click(screen.getByTestId('sync-incremental'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'POST').length).toBe(posts.length + 1));
    const incremental = api.calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(incremental.url.searchParams.get('sync_type')).toBe('incremental');
    expect(incremental.headers['x-api-key']).toBe('operator-key-0123456789');
    await waitFor(() => expect(screen.queryByTestId('api-key-input')).not.toBeInTheDocument());
  });

  it('lists dead letters with the key, shows one, and replays them', async () => {
    sessionStorage.setItem('pokervod.apiKey', 'operator-key-0123456789');
    let replayed = false;
    const letter = {
      message_id: 'm1',
      type: 'hand.clip.created',
      reason: 'payload invalid: in_frame must be a number',
      original_routing_key: 'hand.clip.created',
      attempts: 5,
      failed_at: '2024-05-01T03:00:00Z',
      failed_by: 'orchestrator',
      correlation_id: 'r1',
      body: '{"payload":{"in_frame":"x"}}',
    };
    const api = fakeApi({
      'GET /api/orchestrator/status': { body: statusFixture('idle') },
      'GET /api/orchestrator/runs': { body: [] },
      'GET /api/orchestrator/dead-letters': () => ({
        body: { queue: 'pokervod.orchestrator.dlq', dead_letters: replayed ? [] : [letter] },
      }),
      'POST /api/orchestrator/dead-letters/replay': () => {
        replayed = true;
        return { body: { replayed: 1 } };
      },
    });
    renderPage(<SyncPage />);
    await userEvent.click(await screen.findByTestId('dead-letters-load'));
    const table = await screen.findByTestId('dead-letters');
    expect(within(table).getByText('hand.clip.created')).toBeInTheDocument();
    expect(api.calls.find((c) => c.url.pathname === '/api/orchestrator/dead-letters')!.headers['x-api-key']).toBe(
      'operator-key-0123456789',
    );
    await userEvent.click(within(table).getByRole('button', { name: 'Inspect' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/"in_frame": "x"/)).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByTestId('dead-letters-replay'));
    expect(await screen.findByText('1 letter put back on the queue.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('dead-letters')).not.toBeInTheDocument());
  });
});
