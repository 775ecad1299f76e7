/** The JSON shapes of block E (docs/api.md), taken from the API's own schemas (`@pokervod/api-shapes`). The dashboard reads nothing else. */

import type { z } from 'zod';
import type {
  ClipSchema,
  CountsSchema,
  EpisodeDetailSchema,
  EpisodeRefSchema,
  EventDetailSchema,
  EventRefSchema,
  FacetSchema,
  FileSchema,
  MediaSchema,
  ProjectDetailSchema,
  ProjectSchema,
  RowItemSchema,
  RowsSummarySchema,
  SearchItemSchema,
  SearchResultSchema,
  SeasonDetailSchema,
  SeasonRefSchema,
  TimecodeSchema,
} from '@pokervod/api-shapes';
import type { BlockId, BlockStatus, DeadLetter, PhaseView, RunView, StepView, SyncStatus } from '@pokervod/contracts';

export type Counts = z.infer<typeof CountsSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type SeasonRef = z.infer<typeof SeasonRefSchema>;
export type EventRef = z.infer<typeof EventRefSchema>;
export type EpisodeRef = z.infer<typeof EpisodeRefSchema>;
export type Media = z.infer<typeof MediaSchema>;
export type VideoFile = z.infer<typeof FileSchema>;
export type Timecode = z.infer<typeof TimecodeSchema>;
export type Clip = z.infer<typeof ClipSchema>;
export type Tag = Clip['tags'][number];
export type RowItem = z.infer<typeof RowItemSchema>;
export type RowOutcome = RowItem['outcome'];
export type RowsSummary = z.infer<typeof RowsSummarySchema>;
export type SearchItem = z.infer<typeof SearchItemSchema>;
export type SearchKind = SearchItem['kind'];
export type Facet = z.infer<typeof FacetSchema>;
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type FacetName = keyof SearchResult['facets'];
export type Page<T> = { items: T[]; next_cursor: string | null; total: number };
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;
export type SeasonDetail = z.infer<typeof SeasonDetailSchema>;
export type EventDetail = z.infer<typeof EventDetailSchema>;
export type EpisodeDetail = z.infer<typeof EpisodeDetailSchema>;

/** Orchestrator status (docs/architecture.md#status-endpoint), passed through by the API. */
export type { BlockId, BlockStatus, DeadLetter, PhaseView, RunView, StepView, SyncStatus };
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export type OrchestratorStatus = {
  overall: SyncStatus;
  blocks: Partial<Record<BlockId, BlockStatus>>;
  last_sync: string | null;
  next_scheduled_sync: string | null;
  current_run: RunView | null;
  running: RunView[];
  breakers: Partial<Record<BlockId, BreakerState>>;
};

export type DeadLetters = { queue: string; dead_letters: DeadLetter[] };

export type SyncTrigger = { task_id: string; status: 'started' | 'already_running' };
