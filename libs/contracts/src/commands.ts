import { z } from 'zod';
import { ParsedMetadataSchema } from './parsed-metadata';
import { MediaSummarySchema, SyncResultSchema, VideoFileSchema } from './payloads';
import { AppName } from './block';
import { SnapshotCommandSchemas as Snap } from './snapshots';

/**
 * Request/reply commands (docs/architecture.md#commands), carried over
 * RabbitMQ with direct reply-to. Each names the app that answers it, and a
 * schema for each side.
 */
function command<Req extends z.ZodType, Res extends z.ZodType>(app: AppName, request: Req, response: Res) {
  return { app, request, response };
}

export const MigrationResultSchema = z.object({
  ok: z.boolean(),
  applied: z.array(z.object({ schema: z.string(), name: z.string() })),
  pending_before: z.number().int().nonnegative(),
  duration_ms: z.number().nonnegative(),
  error: z.string().nullable(),
});
export type MigrationResult = z.infer<typeof MigrationResultSchema>;

export const EpisodeRefSchema = z.object({ id: z.string(), title: z.string(), project_code: z.string().nullable() });

const HandClipResultSchema = z.object({
  id: z.string(),
  status: z.enum(['valid', 'invalid']),
  reasons: z.array(z.string()).default([]),
});

export const Commands = {
  /** Any app: who are you, are you alive. */
  'system.ping': command(
    'orchestrator',
    z.object({ target: z.string() }),
    z.object({ app: z.string(), block: z.string(), version: z.string(), time: z.string() }),
  ),
  'nas.match_file_path': command(
    'nas-inventory',
    z.object({ path: z.string().min(1).max(4096), file_name: z.string().max(1024).optional() }),
    z.discriminatedUnion('found', [
      z.object({ found: z.literal(true), file: VideoFileSchema }),
      z.object({ found: z.literal(false), reason: z.string() }),
    ]),
  ),
  /** Scans now (all roots, some, or one folder) and answers with the counts; `nas.scan.completed` follows too. */
  'nas.scan': command(
    'nas-inventory',
    z.object({
      roots: z.array(z.string().max(100)).max(100).optional(),
      folder: z.string().max(4096).optional(),
    }),
    z.object({
      seen: z.number().int(),
      added: z.number().int(),
      changed: z.number().int(),
      moved: z.number().int(),
      removed: z.number().int(),
      unstable: z.number().int(),
      offline_roots: z.array(z.string()),
      problems: z.array(z.object({ path: z.string(), error: z.string() })),
    }),
  ),
  'nas.parse_filename': command('nas-inventory', z.object({ name: z.string().max(65536) }), ParsedMetadataSchema),
  'catalog.match_episode': command(
    'catalog',
    z.object({
      title: z.string().min(1).max(2048),
      /** The NAS file the row points at, when known: its episode is an exact match. */
      video_file_id: z.string().max(100).optional(),
    }),
    z.object({
      status: z.enum(['matched', 'ambiguous', 'not_found']),
      episode: EpisodeRefSchema.nullable(),
      score: z.number().nullable(),
      candidates: z.array(EpisodeRefSchema.extend({ score: z.number() })).default([]),
    }),
  ),
  'catalog.create_project': command(
    'catalog',
    z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(200) }),
    z.object({ id: z.string(), code: z.string(), name: z.string() }),
  ),
  /** Curation (editor): survives later scans and reconciles. */
  'catalog.rename_episode': command(
    'catalog',
    z.object({ episode_id: z.string().min(1).max(100), title: z.string().trim().min(1).max(500) }),
    EpisodeRefSchema,
  ),
  /** Moves every file of `from_episode_id` into `into_episode_id`; the emptied episode is retired. */
  'catalog.merge_episodes': command(
    'catalog',
    z.object({ into_episode_id: z.string().min(1).max(100), from_episode_id: z.string().min(1).max(100) }),
    EpisodeRefSchema,
  ),
  /** Pins a NAS file to an episode (null: unpin, let the parser place it again). */
  'catalog.pin_file': command(
    'catalog',
    z.object({ file_id: z.string().min(1).max(100), episode_id: z.string().min(1).max(100).nullable() }),
    z.object({ file_id: z.string(), episode: EpisodeRefSchema.nullable(), pinned: z.boolean() }),
  ),
  'hands.create_hand_clip': command(
    'hand-analysis',
    z.object({
      video_file_id: z.string().nullable(),
      episode_id: z.string().nullable(),
      timecode: z.string().max(64),
      timecode_end: z.string().max(64),
      tags: z.array(z.string().max(200)).max(200).default([]),
      source_row_key: z.string().max(1024).optional(),
      /** The sheet the row is in (the row key alone may contain `:`). */
      source_sheet: z.string().max(1024).optional(),
      hand_no: z.string().max(64).nullable().optional(),
      players: z.string().max(2000).nullable().optional(),
      description: z.string().max(10_000).nullable().optional(),
      /** The video's probed duration and frame rate, when the caller knows them. */
      media: MediaSummarySchema.nullable().optional(),
    }),
    HandClipResultSchema,
  ),
  /** Edits a clip (fields left out stay); re-validated like a new one. */
  'hands.update_hand_clip': command(
    'hand-analysis',
    z.object({
      clip_id: z.string().min(1).max(100),
      timecode: z.string().max(64).optional(),
      timecode_end: z.string().max(64).optional(),
      hand_no: z.string().max(64).nullable().optional(),
      players: z.string().max(2000).nullable().optional(),
      description: z.string().max(10_000).nullable().optional(),
    }),
    HandClipResultSchema,
  ),
  /** Removes the clip made from a sheet row that vanished (idempotent). */
  'hands.remove_hand_clip': command(
    'hand-analysis',
    z.object({ source_row_key: z.string().min(1) }),
    z.object({ removed: z.boolean() }),
  ),
  'hands.add_tags': command(
    'hand-analysis',
    z.object({ clip_id: z.string(), tags: z.array(z.string()) }),
    z.object({ tags: z.array(z.object({ name: z.string(), category: z.string().nullable() })) }),
  ),
  'sheets.sync_sheet': command('sheets-sync', z.object({ sheet_id: z.string() }), SyncResultSchema),
  'database.run_migration': command('database', z.object({}), MigrationResultSchema),
  // Snapshots for read models (the API's reindex and refreshes): see snapshots.ts.
  'nas.files_snapshot': command(
    'nas-inventory',
    Snap['nas.files_snapshot'].request,
    Snap['nas.files_snapshot'].response,
  ),
  'catalog.tree_snapshot': command(
    'catalog',
    Snap['catalog.tree_snapshot'].request,
    Snap['catalog.tree_snapshot'].response,
  ),
  'catalog.files_snapshot': command(
    'catalog',
    Snap['catalog.files_snapshot'].request,
    Snap['catalog.files_snapshot'].response,
  ),
  'hands.clips_snapshot': command(
    'hand-analysis',
    Snap['hands.clips_snapshot'].request,
    Snap['hands.clips_snapshot'].response,
  ),
  'sheets.results_snapshot': command(
    'sheets-sync',
    Snap['sheets.results_snapshot'].request,
    Snap['sheets.results_snapshot'].response,
  ),
  'orchestrator.rows_snapshot': command(
    'orchestrator',
    Snap['orchestrator.rows_snapshot'].request,
    Snap['orchestrator.rows_snapshot'].response,
  ),
} as const;

export type CommandName = keyof typeof Commands;
export type CommandRequest<C extends CommandName> = z.input<(typeof Commands)[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<(typeof Commands)[C]['response']>;

/** A command reply on the wire: the result, or a typed error. */
export type CommandReply<R = unknown> =
  { ok: true; result: R } | { ok: false; error: { code: string; message: string } };
