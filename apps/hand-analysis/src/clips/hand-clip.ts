import type { FrameRate } from '@pokervod/timecode';
import { deriveTags } from '../tags/tag-derivation';
import type { ResolvedTag, Taxonomy } from '../tags/taxonomy';
import { ClipStatus, validateClip } from './clip-validation';

/** Where a clip's tag came from: the hand-log sheet, the clip's own text, or an editor. */
export type TagSource = 'sheet' | 'derived' | 'editor';

/** What a clip is made of before it is read and checked. */
export interface ClipDraft {
  video_file_id: string | null;
  episode_id: string | null;
  /** The sheet row it was made from (`<sheet id>:<row key>`): at most one clip per row. */
  source_row_key: string | null;
  source_sheet: string | null;
  hand_no: string | null;
  players: string | null;
  description: string | null;
  /** The row's tags as written; `clip_tags` holds what they mean under the current taxonomy. */
  sheet_tags: string[];
  in_text: string;
  out_text: string;
}

/** A hand clip as stored in `hands.clips` (frames at the exact rate rate_num/rate_den). */
export interface HandClip extends ClipDraft {
  id: string;
  in_frame: number | null;
  out_frame: number | null;
  rate_num: number;
  rate_den: number;
  drop_frame: boolean;
  duration_s: number | null;
  /** The video length the clip was checked against, when known. */
  video_duration_s: number | null;
  status: ClipStatus;
  reasons: string[];
  created_at: Date;
  updated_at: Date;
}

export type HandClipFields = Omit<HandClip, 'id' | 'created_at' | 'updated_at'>;

/** A link from a clip to a tag, with the text it was read from. */
export interface TagLink extends ResolvedTag {
  raw: string | null;
}

export interface ClipSettings {
  rate: FrameRate;
  videoDurationS: number | null;
  maxClipSeconds: number;
  taxonomy: Taxonomy;
}

/** A clip's stored fields and the tags it gets from its sheet row and its own text. */
export interface BuiltClip {
  fields: HandClipFields;
  sheetTags: TagLink[];
  derivedTags: TagLink[];
}

/** Reads, checks and tags a draft: everything a create, an update or an analysis writes. */
export function buildClip(draft: ClipDraft, settings: ClipSettings): BuiltClip {
  const validation = validateClip(draft.in_text, draft.out_text, {
    rate: settings.rate,
    videoDurationS: settings.videoDurationS,
    maxClipSeconds: settings.maxClipSeconds,
  });
  return {
    fields: {
      ...draft,
      in_frame: validation.inFrame,
      out_frame: validation.outFrame,
      rate_num: settings.rate.num,
      rate_den: settings.rate.den,
      drop_frame: validation.dropFrame,
      duration_s: validation.durationS,
      video_duration_s: settings.videoDurationS,
      status: validation.status,
      reasons: validation.reasons,
    },
    sheetTags: resolveTagTexts(draft.sheet_tags, settings.taxonomy),
    derivedTags: deriveTags(draft, settings.taxonomy).map((tag) => ({ ...tag, raw: null })),
  };
}

/** Tag texts as tags, first spelling of each tag kept, empty ones dropped. */
export function resolveTagTexts(texts: readonly string[], taxonomy: Taxonomy): TagLink[] {
  const links = new Map<string, TagLink>();
  for (const raw of texts) {
    const tag = taxonomy.resolve(raw);
    if (tag && !links.has(tag.name)) links.set(tag.name, { ...tag, raw: raw.trim() });
  }
  return [...links.values()];
}

/** The draft a stored clip was built from. */
export function draftOf(clip: HandClipFields): ClipDraft {
  return {
    video_file_id: clip.video_file_id,
    episode_id: clip.episode_id,
    source_row_key: clip.source_row_key,
    source_sheet: clip.source_sheet,
    hand_no: clip.hand_no,
    players: clip.players,
    description: clip.description,
    sheet_tags: clip.sheet_tags,
    in_text: clip.in_text,
    out_text: clip.out_text,
  };
}

/** Every stored field of a clip (the columns of `hands.clips` besides id and times). */
export const CLIP_FIELDS: readonly (keyof HandClipFields)[] = [
  'video_file_id',
  'episode_id',
  'source_row_key',
  'source_sheet',
  'hand_no',
  'players',
  'description',
  'sheet_tags',
  'in_text',
  'out_text',
  'in_frame',
  'out_frame',
  'rate_num',
  'rate_den',
  'drop_frame',
  'duration_s',
  'video_duration_s',
  'status',
  'reasons',
];

/** Whether writing `next` over `stored` would change anything (a redelivered request changes nothing). */
export function sameClipFields(stored: HandClipFields, next: HandClipFields): boolean {
  return CLIP_FIELDS.every((name) => JSON.stringify(stored[name]) === JSON.stringify(next[name]));
}

/** Whether a check of the clip came out differently: its frames, status or reasons. */
export function validationChanged(stored: HandClipFields, next: HandClipFields): boolean {
  const keys: (keyof HandClipFields)[] = ['in_frame', 'out_frame', 'rate_num', 'rate_den', 'status', 'reasons'];
  return keys.some((name) => JSON.stringify(stored[name]) !== JSON.stringify(next[name]));
}
