import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RowItem } from '../api/types';
import { fakeApi, renderPage } from '../test/render';
import { sheetRowUrl } from '../ui/format';
import AttentionPage from './AttentionPage';

function row(overrides: Partial<RowItem>): RowItem {
  return {
    stage: 'row',
    outcome: 'unmatched',
    sheet_id: 'file:samples/hand-log/hand-log.csv',
    tab: 'hand-log',
    row_number: 30,
    row_key: 'k',
    file_name: 'WSOP_2019_Missing.mp4',
    nas_folder_link: '\\\\nas\\poker\\WSOP',
    reason: 'no file named WSOP_2019_Missing.mp4 under \\\\nas\\poker\\WSOP',
    reasons: [],
    clip_id: null,
    video_file_id: null,
    episode_id: null,
    last_error: null,
    attempts: 0,
    duplicate_of: null,
    updated_at: '2024-05-01T00:00:00Z',
    ...overrides,
  };
}

describe('sheetRowUrl', () => {
  it('links a Google sheet row, and nothing for a file source', () => {
    expect(sheetRowUrl('google:1AbCdEfGhIjKlMnOp#Hands', 12, 'Hands')).toBe(
      `https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp/edit#range=${encodeURIComponent("'Hands'!A12")}`,
    );
    expect(sheetRowUrl('google:1AbCdEfGhIjKlMnOp', 3)).toBe(
      'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp/edit#range=A3',
    );
    expect(sheetRowUrl('file:samples/hand-log/hand-log.csv', 3)).toBeNull();
  });
});

describe('AttentionPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists rows that need work with row numbers and reasons, filters by outcome, and the unplaced files', async () => {
    const rows = [
      row({}),
      row({ outcome: 'pending', row_number: 31, reason: null, last_error: 'C did not answer', attempts: 3 }),
      row({
        outcome: 'invalid',
        row_number: 12,
        sheet_id: 'google:1AbCdEfGhIjKlMnOp',
        tab: 'Hands',
        reason: null,
        reasons: ['out-point past the end of the video', 'players missing'],
        clip_id: 'c9',
      }),
      row({ stage: 'sheet', outcome: 'invalid', row_number: 40, row_key: null, file_name: null, reason: 'IN is TBD' }),
    ];
    const api = fakeApi({
      'GET /api/rows': (call) => {
        const outcome = call.url.searchParams.get('outcome');
        return {
          body: { items: outcome ? rows.filter((r) => r.outcome === outcome) : rows, next_cursor: null, total: 4 },
        };
      },
      'GET /api/rows/summary': {
        body: {
          outcomes: { pending: 1, clip: 20, invalid: 1, unmatched: 1, removed: 0 },
          sheet: { invalid: 1, duplicate: 2 },
          sheets: [],
        },
      },
      'GET /api/files': {
        body: {
          items: [
            {
              id: 'f9',
              root: 'nas',
              path: '_unsorted/IMG_2041.MOV',
              file_name: 'IMG_2041.MOV',
              size: 1000,
              mtime: '2024-01-01T00:00:00Z',
              status: 'present',
              role: null,
              content_type: 'video/quicktime',
              project_code: null,
              episode: null,
              media: null,
              clips: 0,
              stream_url: '/api/files/f9/stream',
            },
          ],
          next_cursor: null,
          total: 1,
        },
      },
    });
    renderPage(<AttentionPage />);
    const table = await screen.findByTestId('attention-rows');
    const found = within(table).getAllByTestId('attention-row');
    expect(found.map((r) => [r.dataset.outcome, r.dataset.row])).toEqual([
      ['unmatched', '30'],
      ['pending', '31'],
      ['invalid', '12'],
      ['invalid', '40'],
    ]);
    expect(within(found[0]).getByText(/no file named WSOP_2019_Missing\.mp4/)).toBeInTheDocument();
    expect(within(found[0]).getByText('hand-log.csv / hand-log · row 30')).toBeInTheDocument();
    expect(within(found[1]).getByText('C did not answer')).toBeInTheDocument();
    expect(within(found[1]).getByText('3 attempts')).toBeInTheDocument();
    expect(within(found[2]).getByRole('link', { name: /row 12/ })).toHaveAttribute(
      'href',
      expect.stringContaining('docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp'),
    );
    expect(within(found[2]).getByText('players missing')).toBeInTheDocument();
    expect(within(found[2]).getByRole('link', { name: 'WSOP_2019_Missing.mp4' })).toHaveAttribute('href', '/clips/c9');
    expect(api.calls.find((c) => c.url.pathname === '/api/rows')!.url.searchParams.has('outcome')).toBe(false);

    expect(await screen.findByRole('radio', { name: 'Duplicates (2)' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: /Pending/ }));
    await waitFor(() =>
      expect(within(screen.getByTestId('attention-rows')).getAllByTestId('attention-row')).toHaveLength(1),
    );
    expect(
      api.calls
        .filter((c) => c.url.pathname === '/api/rows')
        .at(-1)!
        .url.searchParams.get('outcome'),
    ).toBe('pending');

    const files = screen.getByTestId('unmatched-files');
    expect(within(files).getByRole('link', { name: 'IMG_2041.MOV' })).toHaveAttribute('href', '/files/f9');
    expect(api.calls.find((c) => c.url.pathname === '/api/files')!.url.searchParams.get('unmatched')).toBe('true');
  });
});
