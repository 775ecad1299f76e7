import { z } from 'zod';
import { EventType } from './event-type';
import { ParsedMetadataSchema } from './parsed-metadata';
import { BLOCK_IDS } from './block';
import { SyncStatusSchema } from './sync-status';

const count = z.number().int().nonnegative().default(0);
const isoTime = z.string().datetime({ offset: true });

/** What the NAS block's probe found (null fields: the file does not say). */
export const MediaSummarySchema = z.object({
  duration_s: z.number().nonnegative().nullable(),
  /** Exact frame rate as a reduced fraction: `"30000/1001"`, `"25/1"`. */
  frame_rate: z
    .string()
    .regex(/^\d+\/\d+$/)
    .nullable(),
  fps: z.number().nonnegative().nullable(),
  /**
   * The rate exactly as the container reported it (`"19001/317"` from a
   * Matroska file with millisecond timestamps) when `frame_rate` was snapped
   * to the standard rate it is near; null when nothing was snapped.
   */
  frame_rate_raw: z
    .string()
    .regex(/^\d+\/\d+$/)
    .nullable()
    .default(null),
});
export type MediaSummary = z.infer<typeof MediaSummarySchema>;

export const VideoFileSchema = z.object({
  id: z.string().min(1),
  root: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  mtime: isoTime,
  content_hash: z.string().nullable().default(null),
  parsed: ParsedMetadataSchema.nullable().default(null),
  /** Known once the file has been probed (see `nas.file.probed`). */
  media: MediaSummarySchema.nullable().default(null),
});
export type VideoFile = z.infer<typeof VideoFileSchema>;

export const SheetRowSchema = z.object({
  file_name: z.string(),
  nas_folder_link: z.string(),
  in: z.string(),
  out: z.string(),
  tags: z.array(z.string()).default([]),
  hand_no: z.string().nullable().default(null),
  players: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  winner: z.string().nullable().default(null),
  pot: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
  id: z.string().nullable().default(null),
  extra: z.record(z.string(), z.string()).default({}),
});
export type SheetRow = z.infer<typeof SheetRowSchema>;

export const InvalidRowSchema = z.object({ tab: z.string(), row: z.number().int(), reason: z.string() });

/**
 * A row that repeats another: `exact` (same content, with or without the same
 * ID) makes no second clip; `id_conflict` (same ID, different content): the
 * row named by `duplicate_of` wins (the first in sheet order), this one is not used.
 */
export const DuplicateRowSchema = z.object({
  tab: z.string(),
  row: z.number().int(),
  duplicate_of: z.number().int(),
  kind: z.enum(['exact', 'id_conflict']),
  id: z.string().nullable().default(null),
  reason: z.string(),
});

export const SyncResultSchema = z.object({
  sheet_id: z.string(),
  status: SyncStatusSchema.default('completed'),
  rows_read: count,
  added: count,
  changed: count,
  removed: count,
  invalid: z.array(InvalidRowSchema).default([]),
  duplicates: z.array(DuplicateRowSchema).default([]),
  /** Why the sync was cut short (partial or failed), else null. */
  error: z.string().nullable().default(null),
  /** What was not read (`*`: the whole sheet): its stored rows were kept, not removed. */
  unread: z.array(z.object({ tab: z.string(), reason: z.string() })).default([]),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

/**
 * Where a stored sheet row stands (the orchestrator's row sync): `clip` — a
 * valid clip on its file (episode_id null when no single episode matched);
 * `invalid` — a clip kept with every reason it is wrong; `unmatched` — a final
 * answer that no file matches; `pending` — not settled yet, or a block did not
 * answer (`last_error`), retried with backoff; `removed` — the row left the sheet.
 */
export const ROW_OUTCOMES = ['pending', 'clip', 'invalid', 'unmatched', 'removed'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];
export const RowOutcomeSchema = z.object({
  sheet_id: z.string(),
  tab: z.string(),
  row_number: z.number().int().nonnegative(),
  row_key: z.string(),
  file_name: z.string(),
  nas_folder_link: z.string(),
  outcome: z.enum(ROW_OUTCOMES),
  reason: z.string().nullable().default(null),
  reasons: z.array(z.string()).default([]),
  clip_id: z.string().nullable().default(null),
  video_file_id: z.string().nullable().default(null),
  episode_id: z.string().nullable().default(null),
  last_error: z.string().nullable().default(null),
  attempts: count,
  updated_at: isoTime,
});
export type RowOutcomeRecord = z.infer<typeof RowOutcomeSchema>;

export const PhaseSummarySchema = z.object({
  name: z.string(),
  status: SyncStatusSchema,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  error: z.string().nullable(),
});

/** One schema per event type: publishers and consumers validate with the same one. */
export const EventPayloadSchemas = {
  [EventType.NAS_SCAN_REQUESTED]: z.object({
    roots: z.array(z.string()).optional(),
    /** Scan only this folder (relative to a root). */
    folder: z.string().optional(),
  }),
  [EventType.NAS_SCAN_COMPLETED]: z.object({
    files_total: count,
    added: count,
    removed: count,
    changed: count,
    moved: count,
    unmatched: count,
    offline_roots: z.array(z.string()).default([]),
    duration_ms: count,
  }),
  [EventType.NAS_FILE_ADDED]: z.object({ file: VideoFileSchema }),
  [EventType.NAS_FILE_REMOVED]: z.object({
    file_id: z.string(),
    root: z.string(),
    path: z.string(),
    missing_since: isoTime,
  }),
  [EventType.NAS_FILE_CHANGED]: z.object({
    file: VideoFileSchema,
    previous: z.object({ size: z.number().int().nonnegative(), mtime: isoTime }),
  }),
  [EventType.NAS_FILE_MOVED]: z.object({
    file: VideoFileSchema,
    from: z.object({ root: z.string(), path: z.string() }),
  }),
  [EventType.NAS_FILE_PROBED]: z.object({
    file_id: z.string(),
    root: z.string(),
    path: z.string(),
    media: MediaSummarySchema.nullable(),
    error: z.string().nullable().default(null),
  }),
  [EventType.CATALOG_UPDATE_REQUESTED]: z.object({ reason: z.string().optional() }),
  [EventType.CATALOG_UPDATED]: z.object({
    projects: count,
    seasons: count,
    events: count,
    episodes: count,
    files: count,
    unsorted: count,
  }),
  [EventType.PROJECT_CREATED]: z.object({ project_id: z.string(), code: z.string(), name: z.string() }),
  [EventType.EPISODE_CREATED]: z.object({
    episode_id: z.string(),
    project_code: z.string().nullable(),
    title: z.string(),
  }),
  [EventType.SHEETS_SYNC_REQUESTED]: z.object({ sheet_id: z.string().optional() }),
  [EventType.SHEETS_SYNC_COMPLETED]: z.object({
    status: SyncStatusSchema.default('completed'),
    results: z.array(SyncResultSchema).default([]),
  }),
  [EventType.SHEETS_ROW_CHANGED]: z.object({
    sheet_id: z.string(),
    tab: z.string(),
    row_number: z.number().int().positive(),
    row_key: z.string(),
    change: z.enum(['added', 'changed']),
    row: SheetRowSchema,
  }),
  [EventType.SHEETS_ROW_REMOVED]: z.object({ sheet_id: z.string(), tab: z.string(), row_key: z.string() }),
  [EventType.HAND_CLIP_CREATED]: z.object({
    clip_id: z.string(),
    video_file_id: z.string().nullable(),
    episode_id: z.string().nullable(),
    source_row_key: z.string().nullable().default(null),
    status: z.enum(['valid', 'invalid']),
  }),
  [EventType.HAND_CLIP_REMOVED]: z.object({ clip_id: z.string(), source_row_key: z.string().nullable() }),
  [EventType.HAND_CLIP_TAGGED]: z.object({
    clip_id: z.string().nullable().default(null),
    tags: z.array(z.string()).default([]),
    clips_tagged: count,
  }),
  [EventType.HAND_ANALYSIS_REQUESTED]: z.object({ clip_ids: z.array(z.string()).optional() }),
  [EventType.HAND_ANALYSIS_COMPLETED]: z.object({ clips_analyzed: count, clips_invalid: count }),
  [EventType.SYNC_ALL_REQUESTED]: z.object({
    sync_type: z.enum(['full', 'incremental']).default('full'),
    requested_by: z.string().optional(),
  }),
  [EventType.SYNC_ALL_COMPLETED]: z.object({
    run_id: z.string(),
    status: SyncStatusSchema,
    phases: z.array(PhaseSummarySchema).default([]),
  }),
  [EventType.ERROR_OCCURRED]: z.object({
    source: z.string(),
    error: z.string(),
    event_id: z.string().optional(),
    phase: z.string().optional(),
  }),
  [EventType.ROW_OUTCOME]: RowOutcomeSchema,
  [EventType.BLOCK_STATUS]: z.object({
    block_id: z.enum(BLOCK_IDS),
    status: SyncStatusSchema,
    items_processed: count,
    items_total: count,
    last_error: z.string().nullable().default(null),
    message: z.string().optional(),
  }),
} satisfies Record<EventType, z.ZodType>;

export type EventPayload<T extends EventType> = z.output<(typeof EventPayloadSchemas)[T]>;
/** What a publisher may pass: fields with defaults may be left out. */
export type EventPayloadInput<T extends EventType> = z.input<(typeof EventPayloadSchemas)[T]>;
