import type { Clip, OrchestratorStatus, SearchResult } from '../api/types';

export function clipFixture(overrides: Partial<Clip> = {}): Clip {
  return {
    id: 'c1',
    status: 'valid',
    reasons: [],
    hand_no: '12',
    players: ['Mina Park', 'Tom Becker'],
    players_text: 'Mina Park, Tom Becker',
    description: 'Park river bluff',
    tags: [{ name: 'bluff', category: 'action' }],
    // 29.97 drop-frame: frame 1800 is labelled 00:01:00;02 (;00 and ;01 are skipped at minute 1).
    in: { frame: 1800, seconds: (1800 * 1001) / 30000, smpte: '00:01:00;02', text: '00:01:00;02' },
    out: { frame: 1890, seconds: (1890 * 1001) / 30000, smpte: '00:01:03;02', text: '00:01:03;02' },
    frame_rate: '30000/1001',
    drop_frame: true,
    duration_s: 3.003,
    file: { id: 'f1', file_name: 'WSOP_2023_Main_Event_Day1A_Part1.mp4', root: 'nas', path: 'WSOP/2023/x.mp4' },
    episode: { id: 'e1', title: 'WSOP 2023 Main Event Day 1A Part 1' },
    project_code: 'WSOP',
    year: 2023,
    source: { sheet_id: 'file:samples/hand-log/hand-log.csv', row_key: 'k1', tab: null, row_number: 4 },
    stream_url: '/api/clips/c1/stream',
    updated_at: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

export function searchFixture(overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    query: 'bluff',
    total: 2,
    next_cursor: null,
    items: [
      {
        kind: 'clip',
        id: 'c1',
        title: 'Hand 12 · Mina Park, Tom Becker',
        snippet: 'Park river bluff',
        score: 1,
        project_code: 'WSOP',
        year: 2023,
        episode_id: 'e1',
        status: 'valid',
        tags: ['bluff', 'hero-call'],
        players: ['Mina Park', 'Tom Becker'],
        href: '/api/clips/c1',
        episode_title: 'WSOP 2023 Main Event Day 1A Part 1',
        in: { frame: 25, seconds: 1, smpte: '00:00:01:00', text: '00:00:01' },
        out: { frame: 100, seconds: 4, smpte: '00:00:04:00', text: '00:00:04' },
      },
      {
        kind: 'episode',
        id: 'e1',
        title: 'WSOP 2023 Main Event Day 1A Part 1',
        snippet: null,
        score: 0.5,
        project_code: 'WSOP',
        year: 2023,
        episode_id: 'e1',
        status: null,
        tags: [],
        players: [],
        href: '/api/episodes/e1',
        episode_title: 'WSOP 2023 Main Event Day 1A Part 1',
        in: null,
        out: null,
      },
    ],
    facets: {
      kinds: [
        { value: 'clip', count: 1 },
        { value: 'episode', count: 1 },
      ],
      tags: [
        { value: 'bluff', count: 5 },
        { value: 'hero-call', count: 2 },
      ],
      players: [{ value: '이도현', count: 3 }],
      projects: [{ value: 'WSOP', count: 4 }],
      years: [{ value: '2023', count: 4 }],
    },
    ...overrides,
  };
}

export function statusFixture(overall: OrchestratorStatus['overall'] = 'idle'): OrchestratorStatus {
  const block = (id: 'A' | 'B' | 'C' | 'D', status: OrchestratorStatus['overall'], processed = 0, total = 0) => ({
    block_id: id,
    status,
    last_sync_at: null,
    last_error: null,
    items_processed: processed,
    items_total: total,
  });
  return {
    overall,
    blocks: {
      A: block('A', overall === 'in_progress' ? 'completed' : overall),
      B: block('B', overall === 'in_progress' ? 'in_progress' : overall, 3, 12),
      C: block('C', overall),
      D: block('D', overall),
    },
    last_sync: null,
    next_scheduled_sync: '2030-01-01T03:00:00Z',
    current_run: null,
    running: [],
    breakers: { A: 'CLOSED', B: 'OPEN', C: 'HALF_OPEN', D: 'CLOSED' },
  };
}
