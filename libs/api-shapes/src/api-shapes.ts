import { z } from 'zod';

/**
 * The JSON the API answers (docs/api.md), as zod schemas: they document
 * the endpoints in OpenAPI (`z.toJSONSchema`), the integration tests check
 * real answers against them, and the dashboard takes its types from them
 * (`z.infer`), so the two cannot drift apart.
 */
export const CountsSchema = z.object({
  seasons: z.number().int(),
  events: z.number().int(),
  episodes: z.number().int(),
  files: z.number().int(),
  clips: z.number().int(),
});
export const ProjectSchema = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  counts: CountsSchema,
});
export const SeasonRefSchema = z.object({
  id: z.string(),
  year: z.number().int().nullable(),
  number: z.number().int().nullable(),
  label: z.string(),
});
export const EventRefSchema = z.object({
  id: z.string(),
  number: z.number().int().nullable(),
  name: z.string().nullable(),
  label: z.string(),
});
export const EpisodeRefSchema = z.object({ id: z.string(), title: z.string() });
const EventFacts = {
  buy_in: z.number().nullable(),
  currency: z.string().nullable(),
  game: z.string().nullable(),
  location: z.string().nullable(),
};
const EpisodeFacts = {
  day: z.string().nullable(),
  episode_number: z.number().int().nullable(),
  air_date: z.string().nullable(),
  final_table: z.boolean(),
};
export const MediaSchema = z
  .object({ duration_s: z.number().nullable(), frame_rate: z.string().nullable(), fps: z.number().nullable() })
  .nullable();
export const FileSchema = z.object({
  id: z.string(),
  root: z.string(),
  path: z.string(),
  file_name: z.string(),
  size: z.number(),
  mtime: z.string().nullable(),
  status: z.enum(['present', 'missing']),
  role: z.string().nullable(),
  content_type: z.string(),
  project_code: z.string().nullable(),
  episode: EpisodeRefSchema.nullable(),
  media: MediaSchema,
  parsed: z.record(z.string(), z.unknown()).nullable(),
  clips: z.number().int(),
  stream_url: z.string(),
});
export const TimecodeSchema = z.object({
  frame: z.number().int().nullable(),
  seconds: z.number().nullable(),
  smpte: z.string().nullable(),
  text: z.string(),
});
export const ClipSchema = z.object({
  id: z.string(),
  status: z.enum(['valid', 'invalid']),
  reasons: z.array(z.string()),
  hand_no: z.string().nullable(),
  players: z.array(z.string()),
  players_text: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.array(z.object({ name: z.string(), category: z.string().nullable() })),
  in: TimecodeSchema,
  out: TimecodeSchema,
  frame_rate: z.string(),
  drop_frame: z.boolean(),
  duration_s: z.number().nullable(),
  file: z.object({ id: z.string(), file_name: z.string(), root: z.string(), path: z.string() }).nullable(),
  episode: EpisodeRefSchema.nullable(),
  project_code: z.string().nullable(),
  year: z.number().int().nullable(),
  source: z
    .object({
      sheet_id: z.string().nullable(),
      row_key: z.string(),
      tab: z.string().nullable(),
      row_number: z.number().int().nullable(),
    })
    .nullable(),
  stream_url: z.string().nullable(),
  updated_at: z.string(),
});
export const RowItemSchema = z.object({
  stage: z.enum(['row', 'sheet']),
  outcome: z.enum(['pending', 'clip', 'invalid', 'unmatched', 'removed', 'duplicate']),
  sheet_id: z.string(),
  tab: z.string(),
  row_number: z.number().int(),
  row_key: z.string().nullable(),
  file_name: z.string().nullable(),
  nas_folder_link: z.string().nullable(),
  reason: z.string().nullable(),
  reasons: z.array(z.string()),
  clip_id: z.string().nullable(),
  video_file_id: z.string().nullable(),
  episode_id: z.string().nullable(),
  last_error: z.string().nullable(),
  attempts: z.number().int(),
  duplicate_of: z.number().int().nullable(),
  updated_at: z.string(),
});
export const FacetSchema = z.object({ value: z.string(), count: z.number().int() });
export const SearchItemSchema = z.object({
  kind: z.enum(['project', 'episode', 'clip', 'file']),
  id: z.string(),
  title: z.string(),
  snippet: z.string().nullable(),
  score: z.number(),
  project_code: z.string().nullable(),
  year: z.number().int().nullable(),
  episode_id: z.string().nullable(),
  status: z.enum(['valid', 'invalid']).nullable(),
  tags: z.array(z.string()),
  players: z.array(z.string()),
  /** The episode's title (items in an episode). */
  episode_title: z.string().nullable(),
  /** A clip's in and out point; null on the other kinds. */
  in: TimecodeSchema.nullable(),
  out: TimecodeSchema.nullable(),
  href: z.string(),
});
export const SearchResultSchema = z.object({
  query: z.string(),
  total: z.number().int(),
  items: z.array(SearchItemSchema),
  facets: z.object({
    kinds: z.array(FacetSchema),
    tags: z.array(FacetSchema),
    players: z.array(FacetSchema),
    projects: z.array(FacetSchema),
    years: z.array(FacetSchema),
  }),
  next_cursor: z.string().nullable(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable(), total: z.number().int() });

export const ProjectDetailSchema = ProjectSchema.extend({
  seasons: z.array(SeasonRefSchema.extend({ counts: CountsSchema })),
});
export const SeasonDetailSchema = SeasonRefSchema.extend({
  project: z.object({ code: z.string(), name: z.string() }),
  events: z.array(EventRefSchema.extend({ ...EventFacts, counts: CountsSchema })),
});
export const EventDetailSchema = EventRefSchema.extend({
  ...EventFacts,
  project: z.object({ code: z.string(), name: z.string() }),
  season: SeasonRefSchema,
  episodes: z.array(
    EpisodeRefSchema.extend({
      ...EpisodeFacts,
      counts: z.object({ files: z.number().int(), clips: z.number().int() }),
    }),
  ),
});
export const EpisodeDetailSchema = EpisodeRefSchema.extend({
  ...EpisodeFacts,
  project: z.object({ code: z.string(), name: z.string() }),
  season: SeasonRefSchema,
  event: EventRefSchema,
  files: z.array(FileSchema),
  clips: z.array(ClipSchema),
});
export const RowsSummarySchema = z.object({
  outcomes: z.record(z.string(), z.number().int()),
  sheet: z.object({ invalid: z.number().int(), duplicate: z.number().int() }),
  sheets: z.array(
    z.object({
      sheet_id: z.string(),
      status: z.string(),
      rows_read: z.number().int(),
      invalid: z.number().int(),
      duplicates: z.number().int(),
      error: z.string().nullable(),
      synced_at: z.string(),
    }),
  ),
});
export const ErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
