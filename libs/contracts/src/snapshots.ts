import { z } from 'zod';
import { RowOutcomeSchema, SyncResultSchema, VideoFileSchema } from './payloads';

/**
 * Snapshot commands: each block answers what it holds, page by page, so that
 * a read model (the API's `search` schema) can be rebuilt from scratch
 * (`POST /api/admin/reindex`) or refreshed after an event that only names
 * what changed. Pages are keyed by an opaque cursor: `after` is the `next`
 * of the previous page (null or left out: the first page); `next` is null on
 * the last page.
 */
const isoTime = z.string().datetime({ offset: true });

export const SnapshotPageRequestSchema = z.object({
  after: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(5000),
});
export type SnapshotPageRequest = z.input<typeof SnapshotPageRequestSchema>;

/** A NAS file as the inventory holds it, missing ones included. */
export const FileSnapshotSchema = VideoFileSchema.extend({
  status: z.enum(['present', 'missing']),
  missing_since: isoTime.nullable(),
  updated_at: isoTime,
});
export type FileSnapshot = z.infer<typeof FileSnapshotSchema>;

export const CatalogTreeSnapshotSchema = z.object({
  projects: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), aliases: z.array(z.string()).default([]) }),
  ),
  seasons: z.array(
    z.object({
      id: z.string(),
      project_code: z.string(),
      year: z.number().int().nullable(),
      number: z.number().int().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      season_id: z.string(),
      number: z.number().int().nullable(),
      name: z.string().nullable(),
      buy_in: z.number().nullable(),
      currency: z.string().nullable(),
      game: z.string().nullable(),
      location: z.string().nullable(),
    }),
  ),
  episodes: z.array(
    z.object({
      id: z.string(),
      season_id: z.string(),
      event_id: z.string(),
      project_code: z.string(),
      title: z.string(),
      day: z.string().nullable(),
      episode_number: z.number().int().nullable(),
      air_date: z.string().nullable(),
      final_table: z.boolean(),
      /** A retired episode: its files and names lead to this one. */
      merged_into: z.string().nullable(),
    }),
  ),
  as_of: isoTime,
});
export type CatalogTreeSnapshot = z.infer<typeof CatalogTreeSnapshotSchema>;

/** Where the catalog placed a NAS file (episode null: unsorted). */
export const FilePlacementSchema = z.object({
  file_id: z.string(),
  root: z.string(),
  path: z.string(),
  episode_id: z.string().nullable(),
  project_code: z.string().nullable(),
  role: z.enum(['master', 'proxy', 'part']),
  pinned: z.boolean(),
  status: z.enum(['present', 'missing']),
});
export type FilePlacement = z.infer<typeof FilePlacementSchema>;

/** A hand clip with its tags, as block C holds it (frames at rate_num/rate_den). */
export const ClipSnapshotSchema = z.object({
  id: z.string(),
  video_file_id: z.string().nullable(),
  episode_id: z.string().nullable(),
  source_sheet: z.string().nullable(),
  source_row_key: z.string().nullable(),
  hand_no: z.string().nullable(),
  players: z.string().nullable(),
  description: z.string().nullable(),
  in_text: z.string(),
  out_text: z.string(),
  in_frame: z.number().int().nullable(),
  out_frame: z.number().int().nullable(),
  rate_num: z.number().int().positive(),
  rate_den: z.number().int().positive(),
  drop_frame: z.boolean(),
  duration_s: z.number().nullable(),
  video_duration_s: z.number().nullable(),
  status: z.enum(['valid', 'invalid']),
  reasons: z.array(z.string()).default([]),
  tags: z
    .array(z.object({ name: z.string(), category: z.string().nullable(), sources: z.array(z.string()).default([]) }))
    .default([]),
  created_at: isoTime,
  updated_at: isoTime,
});
export type ClipSnapshot = z.infer<typeof ClipSnapshotSchema>;

export const SnapshotCommandSchemas = {
  /** Block A: every file of the inventory, by id. */
  'nas.files_snapshot': {
    request: SnapshotPageRequestSchema,
    response: z.object({ files: z.array(FileSnapshotSchema), next: z.string().nullable() }),
  },
  /** Block B: the whole tree above the files (small: no paging). */
  'catalog.tree_snapshot': { request: z.object({}), response: CatalogTreeSnapshotSchema },
  /** Block B: where each file is placed; `updated_since` keeps only placements changed since then. */
  'catalog.files_snapshot': {
    request: SnapshotPageRequestSchema.extend({ updated_since: isoTime.optional() }),
    response: z.object({ files: z.array(FilePlacementSchema), next: z.string().nullable(), as_of: isoTime }),
  },
  /** Block C: clips by id order, or (`ids`) just those clips — the ones not returned no longer exist. */
  'hands.clips_snapshot': {
    request: SnapshotPageRequestSchema.extend({ ids: z.array(z.string().max(100)).max(5000).optional() }),
    response: z.object({ clips: z.array(ClipSnapshotSchema), next: z.string().nullable() }),
  },
  /** Block D: the last result of every configured source. */
  'sheets.results_snapshot': {
    request: z.object({}),
    response: z.object({ results: z.array(SyncResultSchema.extend({ synced_at: isoTime.nullable().default(null) })) }),
  },
  /** Orchestrator: every stored sheet row's outcome, by (sheet, row key). */
  'orchestrator.rows_snapshot': {
    request: SnapshotPageRequestSchema,
    response: z.object({ rows: z.array(RowOutcomeSchema), next: z.string().nullable() }),
  },
} as const;
