import { randomUUID } from 'node:crypto';
import type {
  CatalogTreeSnapshot,
  ClipSnapshot,
  FilePlacement,
  FileSnapshot,
  ParsedMetadata,
  RowOutcomeRecord,
} from '@pokervod/contracts';

export const now = () => new Date().toISOString();

export function parsed(over: Partial<ParsedMetadata> = {}): ParsedMetadata {
  return {
    project: null,
    year: null,
    date: null,
    season: null,
    episode: null,
    event_number: null,
    event_name: null,
    buy_in: null,
    currency: null,
    day: null,
    part: null,
    final_table: false,
    game: null,
    location: null,
    extension: 'mp4',
    title: '',
    confidence: 0.9,
    ...over,
  };
}

export function file(path: string, over: Partial<FileSnapshot> = {}): FileSnapshot {
  return {
    id: randomUUID(),
    root: 'nas',
    path,
    size: 1000,
    mtime: now(),
    content_hash: null,
    parsed: null,
    media: { duration_s: 3600, frame_rate: '30000/1001', fps: 29.97, frame_rate_raw: null },
    status: 'present',
    missing_since: null,
    updated_at: now(),
    ...over,
  };
}

export function clip(over: Partial<ClipSnapshot> = {}): ClipSnapshot {
  return {
    id: randomUUID(),
    video_file_id: null,
    episode_id: null,
    source_sheet: 'file:samples/hand-log/hand-log.csv',
    source_row_key: null,
    hand_no: null,
    players: null,
    description: null,
    in_text: '00:01:00:00',
    out_text: '00:02:00:00',
    in_frame: 1800,
    out_frame: 3600,
    rate_num: 30000,
    rate_den: 1001,
    drop_frame: false,
    duration_s: 60.06,
    video_duration_s: 3600,
    status: 'valid',
    reasons: [],
    tags: [],
    created_at: now(),
    updated_at: now(),
    ...over,
  };
}

export function placement(
  fileSnapshot: FileSnapshot,
  episodeId: string | null,
  projectCode: string | null,
): FilePlacement & {
  updated_at: string;
} {
  return {
    file_id: fileSnapshot.id,
    root: fileSnapshot.root,
    path: fileSnapshot.path,
    episode_id: episodeId,
    project_code: projectCode,
    role: 'master',
    pinned: false,
    status: 'present',
    updated_at: now(),
  };
}

export function rowOutcome(
  over: Partial<RowOutcomeRecord> & Pick<RowOutcomeRecord, 'row_key' | 'outcome'>,
): RowOutcomeRecord {
  return {
    sheet_id: 'file:samples/hand-log/hand-log.csv',
    tab: 'hand-log',
    row_number: 2,
    file_name: 'a.mp4',
    nas_folder_link: '',
    reason: null,
    reasons: [],
    clip_id: null,
    video_file_id: null,
    episode_id: null,
    last_error: null,
    attempts: 0,
    updated_at: now(),
    ...over,
  };
}

/** A small catalog: WSOP 2023 (Main Event Day 1A, Event #43 Day 2) and an Unsorted file. */
export function sampleTree() {
  const wsop = { id: randomUUID(), code: 'WSOP', name: 'World Series of Poker', aliases: ['월드 시리즈 오브 포커'] };
  const ept = { id: randomUUID(), code: 'EPT', name: 'European Poker Tour', aliases: [] };
  const s2023 = { id: randomUUID(), project_code: 'WSOP', year: 2023, number: null };
  const s2022 = { id: randomUUID(), project_code: 'EPT', year: 2022, number: null };
  const main = {
    id: randomUUID(),
    season_id: s2023.id,
    number: null,
    name: 'Main Event',
    buy_in: 10000,
    currency: 'USD',
    game: 'NLHE',
    location: 'Las Vegas',
  };
  const ppc = {
    id: randomUUID(),
    season_id: s2023.id,
    number: 43,
    name: 'Poker Players Championship',
    buy_in: 50000,
    currency: 'USD',
    game: null,
    location: null,
  };
  const prague = {
    id: randomUUID(),
    season_id: s2022.id,
    number: null,
    name: 'Main Event',
    buy_in: 5300,
    currency: 'EUR',
    game: null,
    location: 'Prague',
  };
  const ep = (event: { id: string; season_id: string }, project: string, title: string, day: string | null) => ({
    id: randomUUID(),
    season_id: event.season_id,
    event_id: event.id,
    project_code: project,
    title,
    day,
    episode_number: null,
    air_date: null,
    final_table: false,
    merged_into: null,
  });
  const day1a = ep(main, 'WSOP', 'WSOP 2023 Main Event Day 1A', '1A');
  const day2 = ep(ppc, 'WSOP', 'WSOP 2023 Event #43 Poker Players Championship Day 2', '2');
  const final = ep(prague, 'EPT', 'EPT Prague 2022 Main Event Final Table', null);
  const tree: CatalogTreeSnapshot = {
    projects: [wsop, ept],
    seasons: [s2023, s2022],
    events: [main, ppc, prague],
    episodes: [day1a, day2, final],
    as_of: now(),
  };
  return { tree, wsop, ept, s2023, s2022, main, ppc, prague, day1a, day2, final };
}
