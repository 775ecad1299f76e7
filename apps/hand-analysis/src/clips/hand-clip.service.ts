import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { Commands, EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { transactionRetryingConflicts } from '@pokervod/persistence';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { FrameRate } from '@pokervod/timecode';
import type { HandsConfig } from '../hand-analysis.config';
import type { ResolvedTag } from '../tags/taxonomy';
import { TaxonomyService } from '../tags/taxonomy.service';
import { VideoRepository } from '../videos/video.repository';
import { clipVideoFacts, snappedRate } from './clip-validation';
import { ClipView, toClipView } from './clip-view';
import {
  BuiltClip,
  ClipDraft,
  HandClip,
  TagLink,
  buildClip,
  draftOf,
  resolveTagTexts,
  sameClipFields,
} from './hand-clip';
import { ClipFilter, ClipTagRow, HandClipRepository, TagRecord } from './hand-clip.repository';

export type CreateClipRequest = z.output<(typeof Commands)['hands.create_hand_clip']['request']>;
export type UpdateClipRequest = z.output<(typeof Commands)['hands.update_hand_clip']['request']>;
export interface ClipResult {
  id: string;
  status: HandClip['status'];
  reasons: string[];
}

export class ClipNotFoundError extends Error {
  constructor(readonly clipId: string) {
    super(`no hand clip ${clipId}`);
    this.name = 'ClipNotFoundError';
  }
}

/** What one batch of an analysis did. */
export interface AnalysisBatch {
  analyzed: number;
  invalid: number;
  /** Clips that have at least one tag after the analysis. */
  tagged: number;
  tagNames: Set<string>;
}

/**
 * Block C's clips and tags: `create_hand_clip`, update, remove, `add_tags`
 * and the re-analysis of stored clips. Every change and the events it
 * emits commit in one transaction (the outbox); a request that changes
 * nothing writes and emits nothing.
 */
@Injectable()
export class HandClipService {
  constructor(
    private readonly videos: VideoRepository,
    private readonly clips: HandClipRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: HandsConfig,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /**
   * `create_hand_clip(...)`, the last step of a row's sync: one clip per
   * source row key (a new one per call without a key).
   */
  async create(request: CreateClipRequest): Promise<ClipResult> {
    const draft: ClipDraft = {
      video_file_id: request.video_file_id,
      episode_id: request.episode_id,
      source_row_key: request.source_row_key ?? null,
      source_sheet: request.source_sheet ?? null,
      hand_no: request.hand_no ?? null,
      players: request.players ?? null,
      description: request.description ?? null,
      sheet_tags: request.tags.map((t) => t.trim()).filter(Boolean),
      in_text: request.timecode,
      out_text: request.timecode_end,
    };
    return this.write(async (m) => {
      const key = draft.source_row_key;
      if (key) await this.clips.lockSourceRow(m, key);
      const existing = key ? await this.clips.findBySourceRow(m, key) : null;
      const video = await this.videos.find(m, draft.video_file_id);
      const facts = clipVideoFacts(request.media, video, this.config.HANDS_DEFAULT_FRAME_RATE);
      return this.save(m, existing, buildClip(draft, this.settings(facts.rate, facts.durationS)));
    });
  }

  /** Edits a clip: fields left out stay; the clip is read and checked again. */
  async update(request: UpdateClipRequest): Promise<ClipResult> {
    return this.write(async (m) => {
      const clip = await this.clips.findById(m, request.clip_id, true);
      if (!clip) throw new ClipNotFoundError(request.clip_id);
      const draft: ClipDraft = { ...draftOf(clip) };
      if (request.timecode !== undefined) draft.in_text = request.timecode;
      if (request.timecode_end !== undefined) draft.out_text = request.timecode_end;
      if (request.hand_no !== undefined) draft.hand_no = request.hand_no;
      if (request.players !== undefined) draft.players = request.players;
      if (request.description !== undefined) draft.description = request.description;
      return this.save(m, clip, await this.rebuild(m, clip, draft));
    });
  }

  /** Removes the clip of a sheet row that vanished; removing it again is a no-op. */
  async remove(sourceRowKey: string): Promise<{ removed: boolean }> {
    const removed = await transactionRetryingConflicts(this.dataSource, async (m) => {
      await this.clips.lockSourceRow(m, sourceRowKey);
      const clipId = await this.clips.deleteBySourceRow(m, sourceRowKey);
      if (clipId)
        await this.bus.publishInTransaction(m, EventType.HAND_CLIP_REMOVED, {
          clip_id: clipId,
          source_row_key: sourceRowKey,
        });
      return clipId !== null;
    });
    if (removed) await this.bus.flushOutbox();
    return { removed };
  }

  /** `add_tags(clip_id, tags)`: the tags the texts mean, now on the clip (an editor's). */
  async addTags(clipId: string, texts: readonly string[]): Promise<ResolvedTag[]> {
    const links = resolveTagTexts(texts, this.taxonomy.taxonomy);
    let added = 0;
    await transactionRetryingConflicts(this.dataSource, async (m) => {
      added = 0;
      const clip = await this.clips.findById(m, clipId, true);
      if (!clip) throw new ClipNotFoundError(clipId);
      await this.clips.saveTags(m, this.tagRecords(links));
      added = await this.clips.linkTags(m, clip.id, 'editor', links);
      if (added > 0) await this.emitTagged(m, clip.id);
    });
    if (added > 0) await this.bus.flushOutbox();
    return links.map(({ name, category }) => ({ name, category }));
  }

  async get(id: string): Promise<ClipView | null> {
    const m = this.dataSource.manager;
    const clip = await this.clips.findById(m, id);
    return clip ? toClipView(clip, await this.clips.tagsOf(m, [clip.id])) : null;
  }

  /** Clips matching the filter (the tag in any spelling the taxonomy knows), oldest first. */
  async list(filter: ClipFilter): Promise<{ items: ClipView[]; total: number }> {
    const m = this.dataSource.manager;
    const tag = filter.tag === undefined ? undefined : (this.taxonomy.taxonomy.resolve(filter.tag)?.name ?? filter.tag);
    const { clips, total } = await this.clips.list(m, { ...filter, tag });
    const tags = groupByClip(
      await this.clips.tagsOf(
        m,
        clips.map((c) => c.id),
      ),
    );
    return { items: clips.map((clip) => toClipView(clip, tags.get(clip.id) ?? [])), total };
  }

  /** The taxonomy, then tags found only in clips (free and player tags), each with its clip count. */
  async tagCatalog(): Promise<{
    categories: string[];
    tags: { name: string; category: string | null; synonyms: readonly string[]; clips: number }[];
  }> {
    const usage = await this.clips.tagUsage(this.dataSource.manager);
    const clipsOf = new Map(usage.map((u) => [u.name, u.clips]));
    const { taxonomy } = this.taxonomy;
    return {
      categories: taxonomy.categories,
      tags: [
        ...taxonomy.entries.map((e) => ({ ...e, clips: clipsOf.get(e.name) ?? 0 })),
        ...usage
          .filter((u) => !taxonomy.entry(u.name) && u.clips > 0)
          .map((u) => ({ name: u.name, category: u.category, synonyms: [], clips: u.clips })),
      ],
    };
  }

  /**
   * Analyses stored clips (locked for the transaction): tags read again with
   * the current taxonomy, tags derived from description and players, checked
   * again against what is now known about their videos. A clip whose stored
   * fields change announces it with `hand.clip.created`.
   */
  async analyzeBatch(m: EntityManager, ids: readonly string[]): Promise<AnalysisBatch> {
    const batch: AnalysisBatch = { analyzed: 0, invalid: 0, tagged: 0, tagNames: new Set() };
    const clips = await this.clips.lockMany(m, ids);
    const tagRows = groupByClip(
      await this.clips.tagsOf(
        m,
        clips.map((c) => c.id),
      ),
    );
    const videos = await this.videos.findMany(
      m,
      clips.flatMap((c) => (c.video_file_id ? [c.video_file_id] : [])),
    );
    for (const clip of clips) {
      const video = clip.video_file_id ? videos.get(clip.video_file_id) : undefined;
      const built = buildClip(
        draftOf(clip),
        this.settings(video?.rate ?? rateOfClip(clip), video?.durationS ?? clip.video_duration_s),
      );
      const editorTexts = (tagRows.get(clip.id) ?? []).filter((r) => r.source === 'editor').map((r) => r.raw ?? r.tag);
      const editorTags = resolveTagTexts(editorTexts, this.taxonomy.taxonomy);
      await this.save(m, clip, built, { editorTags, announceTags: false });
      const names = new Set([...built.sheetTags, ...built.derivedTags, ...editorTags].map((t) => t.name));
      batch.analyzed++;
      if (built.fields.status === 'invalid') batch.invalid++;
      if (names.size > 0) batch.tagged++;
      for (const name of names) batch.tagNames.add(name);
    }
    return batch;
  }

  // ---- internals ------------------------------------------------------------

  private async write(work: (m: EntityManager) => Promise<{ result: ClipResult; changed: boolean }>) {
    // Concurrent clips and an analysis batch can deadlock on shared tags: the loser runs again.
    const { result, changed } = await transactionRetryingConflicts(this.dataSource, work);
    if (changed) await this.bus.flushOutbox();
    return result;
  }

  /** A stored clip rebuilt from `draft`: the video read model wins over what the clip was last checked with. */
  private async rebuild(m: EntityManager, clip: HandClip, draft: ClipDraft): Promise<BuiltClip> {
    const video = await this.videos.find(m, clip.video_file_id);
    return buildClip(draft, this.settings(video?.rate ?? rateOfClip(clip), video?.durationS ?? clip.video_duration_s));
  }

  /**
   * Writes a built clip over `existing` (or as a new one) with its sheet and
   * derived tags (and editor tags when given), emitting `hand.clip.created`
   * when anything changed and `hand.clip.tagged` when its tags did.
   */
  private async save(
    m: EntityManager,
    existing: HandClip | null,
    built: BuiltClip,
    options: { editorTags?: TagLink[]; announceTags?: boolean } = {},
  ): Promise<{ result: ClipResult; changed: boolean }> {
    let id: string;
    let fieldsChanged = true;
    if (existing) {
      id = existing.id;
      fieldsChanged = !sameClipFields(existing, built.fields);
      if (fieldsChanged) await this.clips.update(m, id, built.fields);
    } else {
      id = await this.clips.insert(m, built.fields);
    }
    await this.clips.saveTags(
      m,
      this.tagRecords([...built.sheetTags, ...built.derivedTags, ...(options.editorTags ?? [])]),
    );
    const tagChanges = [
      await this.clips.replaceTags(m, id, 'sheet', built.sheetTags),
      await this.clips.replaceTags(m, id, 'derived', built.derivedTags),
      options.editorTags ? await this.clips.replaceTags(m, id, 'editor', options.editorTags) : false,
    ];
    const tagsChanged = tagChanges.some(Boolean);
    const result = { id, status: built.fields.status, reasons: built.fields.reasons };
    if (fieldsChanged || (tagsChanged && options.announceTags !== false)) {
      await this.bus.publishInTransaction(m, EventType.HAND_CLIP_CREATED, {
        clip_id: id,
        video_file_id: built.fields.video_file_id,
        episode_id: built.fields.episode_id,
        source_row_key: built.fields.source_row_key,
        status: built.fields.status,
      });
    }
    if (tagsChanged && options.announceTags !== false) await this.emitTagged(m, id);
    return { result, changed: fieldsChanged || tagsChanged };
  }

  private async emitTagged(m: EntityManager, clipId: string): Promise<void> {
    const rows = await this.clips.tagsOf(m, [clipId]);
    await this.bus.publishInTransaction(m, EventType.HAND_CLIP_TAGGED, {
      clip_id: clipId,
      tags: [...new Set(rows.map((r) => r.tag))],
      clips_tagged: 1,
    });
  }

  private settings(rate: FrameRate, videoDurationS: number | null) {
    return {
      rate,
      videoDurationS,
      maxClipSeconds: this.config.HANDS_MAX_CLIP_SECONDS,
      taxonomy: this.taxonomy.taxonomy,
    };
  }

  private tagRecords(tags: readonly ResolvedTag[]): TagRecord[] {
    return tags.map((t) => ({
      name: t.name,
      category: t.category,
      synonyms: this.taxonomy.taxonomy.entry(t.name)?.synonyms ?? [],
    }));
  }
}

/** The rate a clip was last checked at, snapped (a clip stored before rates were snapped may hold `19001/317`). */
function rateOfClip(clip: HandClip): FrameRate {
  return snappedRate({ num: clip.rate_num, den: clip.rate_den });
}

function groupByClip(rows: readonly ClipTagRow[]): Map<string, ClipTagRow[]> {
  const map = new Map<string, ClipTagRow[]>();
  for (const row of rows) map.set(row.clip_id, [...(map.get(row.clip_id) ?? []), row]);
  return map;
}
