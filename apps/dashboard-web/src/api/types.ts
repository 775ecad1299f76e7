/** The JSON shapes of block E (docs/api.md). The dashboard reads nothing else. */

export type Counts = { seasons: number; events: number; episodes: number; files: number; clips: number };

export type Project = { code: string; name: string; aliases: string[]; counts: Counts };

export type SeasonRef = { id: string; year: number | null; number: number | null; label: string };
export type EventRef = { id: string; number: number | null; name: string | null; label: string };
export type EpisodeRef = { id: string; title: string };

export type Media = { duration_s: number | null; frame_rate: string | null; fps: number | null } | null;

export type VideoFile = {
  id: string;
  root: string;
  path: string;
  file_name: string;
  size: number;
  mtime: string;
  status: 'present' | 'missing';
  role: 'master' | 'proxy' | 'part' | null;
  content_type: string;
  project_code: string | null;
  episode: EpisodeRef | null;
  media: Media;
  clips: number;
  stream_url: string;
};

export type Timecode = { frame: number | null; seconds: number | null; smpte: string | null; text: string };

export type Tag = { name: string; category: string | null };

export type Clip = {
  id: string;
  status: 'valid' | 'invalid';
  reasons: string[];
  hand_no: string | null;
  players: string[];
  players_text: string | null;
  description: string | null;
  tags: Tag[];
  in: Timecode;
  out: Timecode;
  frame_rate: string;
  drop_frame: boolean;
  duration_s: number | null;
  file: { id: string; file_name: string; root: string; path: string } | null;
  episode: EpisodeRef | null;
  project_code: string | null;
  year: number | null;
  source: { sheet_id: string | null; row_key: string; tab: string | null; row_number: number | null } | null;
  stream_url: string | null;
  updated_at: string;
};

export type RowOutcome = 'pending' | 'clip' | 'invalid' | 'unmatched' | 'removed' | 'duplicate';

export type RowItem = {
  stage: 'row' | 'sheet';
  outcome: RowOutcome;
  sheet_id: string;
  tab: string;
  row_number: number;
  row_key: string | null;
  file_name: string | null;
  nas_folder_link: string | null;
  reason: string | null;
  reasons: string[];
  clip_id: string | null;
  video_file_id: string | null;
  episode_id: string | null;
  last_error: string | null;
  attempts: number;
  duplicate_of: number | null;
  updated_at: string;
};

export type RowsSummary = {
  outcomes: Partial<Record<'pending' | 'clip' | 'invalid' | 'unmatched' | 'removed', number>>;
  sheet: { invalid: number; duplicate: number };
  sheets: {
    sheet_id: string;
    status: string;
    rows_read: number;
    invalid: number;
    duplicates: number;
    error: string | null;
    synced_at: string | null;
  }[];
};

export type SearchKind = 'project' | 'episode' | 'clip' | 'file';

export type SearchItem = {
  kind: SearchKind;
  id: string;
  title: string;
  snippet: string | null;
  score: number;
  project_code: string | null;
  year: number | null;
  episode_id: string | null;
  status: 'valid' | 'invalid' | null;
  tags: string[];
  players: string[];
  href: string;
  episode_title: string | null;
  /** Clips only: in and out point. */
  in: Timecode | null;
  out: Timecode | null;
};

export type Facet = { value: string; count: number };
export type FacetName = 'kinds' | 'tags' | 'players' | 'projects' | 'years';

export type SearchResult = {
  query: string;
  total: number;
  items: SearchItem[];
  facets: Partial<Record<FacetName, Facet[]>>;
  next_cursor: string | null;
};

export type Page<T> = { items: T[]; next_cursor: string | null; total: number };

export type ProjectDetail = Project & { seasons: (SeasonRef & { counts: Counts })[] };

type EventFacts = {
  buy_in: number | string | null;
  currency: string | null;
  game: string | null;
  location: string | null;
};

export type SeasonDetail = SeasonRef & {
  project: { code: string; name: string };
  events: (EventRef & EventFacts & { counts: Counts })[];
};

type EpisodeFacts = {
  day: string | number | null;
  episode_number: number | null;
  air_date: string | null;
  final_table: boolean | null;
};

export type EventDetail = EventRef &
  EventFacts & {
    project: { code: string; name: string };
    season: SeasonRef;
    episodes: (EpisodeRef & EpisodeFacts & { counts: { files: number; clips: number } })[];
  };

export type EpisodeDetail = EpisodeRef &
  EpisodeFacts & {
    project: { code: string; name: string };
    season: SeasonRef;
    event: EventRef;
    files: VideoFile[];
    clips: Clip[];
  };

/** Orchestrator status (docs/architecture.md#status-endpoint), passed through by the API. */
export type SyncStatus = 'idle' | 'in_progress' | 'completed' | 'failed' | 'partial';
export type BlockId = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export type BlockStatus = {
  block_id: BlockId;
  status: SyncStatus;
  last_sync_at: string | null;
  last_error: string | null;
  items_processed: number;
  items_total: number;
};

export type StepView = {
  block_id: string;
  name: string;
  status: string;
  started_at: string | null;
  deadline_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
};

export type PhaseView = {
  phase: number;
  name: string;
  status: SyncStatus;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  steps: StepView[];
};

export type RunView = {
  id: string;
  sync_type: string;
  status: SyncStatus;
  correlation_id: string;
  requested_by: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  phases: PhaseView[];
};

export type OrchestratorStatus = {
  overall: SyncStatus;
  blocks: Partial<Record<BlockId, BlockStatus>>;
  last_sync: string | null;
  next_scheduled_sync: string | null;
  current_run: RunView | null;
  running: RunView[];
  breakers: Partial<Record<BlockId, BreakerState>>;
};

export type DeadLetter = {
  message_id: string | null;
  type: string | null;
  reason: string;
  original_routing_key: string | null;
  attempts: number;
  failed_at: string | null;
  failed_by: string | null;
  correlation_id: string | null;
  body: string;
};

export type DeadLetters = { queue: string; dead_letters: DeadLetter[] };

export type SyncTrigger = { task_id: string; status: 'started' | 'already_running' };
