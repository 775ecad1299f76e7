import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { notFound } from '../http/api-error';
import { cursorValues, decodeCursor, page } from '../http/cursor';
import type {
  EpisodeDetailSchema,
  EventDetailSchema,
  ProjectDetailSchema,
  ProjectSchema,
  RowsSummarySchema,
  SeasonDetailSchema,
} from '@pokervod/api-shapes';
import { BrowseRepository, ClipFilter, CountRow, FileFilter, RowRecord } from './browse.repository';
import { ClipView, FileView, RowItem, eventRef, seasonRef, toClipView, toFileView } from './views';

const countsOf = (r: CountRow) => ({
  seasons: r.seasons,
  events: r.events,
  episodes: r.episodes,
  files: r.files,
  clips: r.clips,
});

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  total: number;
}

/** `list_projects()` and the tree, clips, files and rows as the API shows them. */
@Injectable()
export class BrowseService {
  constructor(private readonly repository: BrowseRepository) {}

  async projects(): Promise<Page<z.infer<typeof ProjectSchema>>> {
    const rows = await this.repository.projects();
    const items = rows.map((r) => ({ code: r.code, name: r.name, aliases: r.aliases, counts: countsOf(r) }));
    return { items, next_cursor: null, total: items.length };
  }

  async project(code: string): Promise<z.infer<typeof ProjectDetailSchema>> {
    const found = await this.repository.projectCode(code);
    const [row] = found ? await this.repository.projects(found) : [];
    if (!row) throw notFound(`project ${code}`);
    const seasons = await this.repository.seasonsOf(row.code);
    return {
      code: row.code,
      name: row.name,
      aliases: row.aliases,
      counts: countsOf(row),
      seasons: seasons.map((s) => ({ ...seasonRef(s), counts: { ...countsOf(s), seasons: 1 } })),
    };
  }

  async season(id: string): Promise<z.infer<typeof SeasonDetailSchema>> {
    const season = await this.repository.season(id);
    if (!season) throw notFound(`season ${id}`);
    const events = await this.repository.eventsOf(id);
    return {
      ...seasonRef(season),
      project: { code: season.project_code, name: season.project_name },
      events: events.map((e) => ({
        ...eventRef(e),
        buy_in: e.buy_in,
        currency: e.currency,
        game: e.game,
        location: e.location,
        counts: countsOf(e),
      })),
    };
  }

  async event(id: string): Promise<z.infer<typeof EventDetailSchema>> {
    const event = await this.repository.event(id);
    if (!event) throw notFound(`event ${id}`);
    const episodes = await this.repository.episodesOf(id);
    return {
      ...eventRef(event),
      buy_in: event.buy_in,
      currency: event.currency,
      game: event.game,
      location: event.location,
      project: { code: event.project_code, name: event.project_name },
      season: seasonRef({ id: event.season_id, year: event.year, number: event.season_number }),
      episodes: episodes.map((e) => ({
        id: e.id,
        title: e.title,
        day: e.day,
        episode_number: e.episode_number,
        air_date: e.air_date,
        final_table: e.final_table,
        counts: { files: e.files, clips: e.clips },
      })),
    };
  }

  async episode(id: string): Promise<z.infer<typeof EpisodeDetailSchema>> {
    const episode = await this.repository.episode(id);
    if (!episode) throw notFound(`episode ${id}`);
    const [files, clips] = await Promise.all([
      this.repository.filesOfEpisode(episode.id),
      this.repository.clipsOfEpisode(episode.id),
    ]);
    return {
      id: episode.id,
      title: episode.title,
      day: episode.day,
      episode_number: episode.episode_number,
      air_date: episode.air_date,
      final_table: episode.final_table,
      project: { code: episode.project_code, name: episode.project_name },
      season: seasonRef({ id: episode.season_id, year: episode.year, number: episode.season_number }),
      event: eventRef({ id: episode.event_id, number: episode.event_number, name: episode.event_name }),
      files: files.map(toFileView),
      clips: clips.map(toClipView),
    };
  }

  async clips(filter: ClipFilter, cursor: string | undefined, limit: number): Promise<Page<ClipView>> {
    const scope = `clips:${JSON.stringify(filter)}`;
    const after = cursorValues<[string, string]>(decodeCursor(scope, cursor), ['string', 'string']);
    const [rows, total] = await Promise.all([
      this.repository.clips(filter, after, limit + 1),
      this.repository.countClips(filter),
    ]);
    const { items, next_cursor } = page(rows, limit, scope, (r) => [r.created_key, r.id]);
    return { items: items.map(toClipView), next_cursor, total };
  }

  async clip(id: string): Promise<ClipView> {
    const row = await this.repository.clip(id);
    if (!row) throw notFound(`clip ${id}`);
    return toClipView(row);
  }

  async files(filter: FileFilter, cursor: string | undefined, limit: number): Promise<Page<FileView>> {
    const scope = `files:${JSON.stringify(filter)}`;
    const after = cursorValues<[string, string, string]>(decodeCursor(scope, cursor), ['string', 'string', 'string']);
    const [rows, total] = await Promise.all([
      this.repository.files(filter, after, limit + 1),
      this.repository.countFiles(filter),
    ]);
    const { items, next_cursor } = page(rows, limit, scope, (r) => [r.root, r.path, r.id]);
    return { items: items.map(toFileView), next_cursor, total };
  }

  async file(id: string): Promise<FileView> {
    const row = await this.repository.file(id);
    if (!row) throw notFound(`file ${id}`);
    return toFileView(row);
  }

  async rows(
    outcomes: string[],
    sheet: string | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<RowItem>> {
    const scope = `rows:${outcomes.join(',')}:${sheet ?? ''}`;
    const after = cursorValues<[string, string, number, string, string]>(decodeCursor(scope, cursor), [
      'string',
      'string',
      'number',
      'string',
      'string',
    ]);
    const [rows, total] = await Promise.all([
      this.repository.rows(outcomes, sheet, after, limit + 1),
      this.repository.countRows(outcomes, sheet),
    ]);
    const { items, next_cursor } = page(rows, limit, scope, (r) => [
      r.sheet_id,
      r.tab,
      r.row_number,
      r.stage,
      r.sort_key,
    ]);
    return { items: items.map(toRowItem), next_cursor, total };
  }

  async rowsSummary(): Promise<z.infer<typeof RowsSummarySchema>> {
    const { outcomes, problems, sheets } = await this.repository.rowsSummary();
    const byOutcome: Record<string, number> = { pending: 0, clip: 0, invalid: 0, unmatched: 0, removed: 0 };
    for (const o of outcomes) byOutcome[o.outcome] = o.n;
    const problem = (kind: string) => problems.find((p) => p.kind === kind)?.n ?? 0;
    return {
      outcomes: byOutcome,
      sheet: { invalid: problem('invalid'), duplicate: problem('duplicate') },
      sheets: sheets.map((s) => ({ ...s, synced_at: new Date(s.synced_at).toISOString() })),
    };
  }
}

function toRowItem(r: RowRecord): RowItem {
  return {
    stage: r.stage,
    outcome: r.outcome as RowItem['outcome'],
    sheet_id: r.sheet_id,
    tab: r.tab,
    row_number: r.row_number,
    row_key: r.row_key,
    file_name: r.file_name,
    nas_folder_link: r.nas_folder_link,
    reason: r.reason,
    reasons: r.reasons ?? [],
    clip_id: r.clip_id,
    video_file_id: r.video_file_id,
    episode_id: r.episode_id,
    last_error: r.last_error,
    attempts: r.attempts,
    duplicate_of: r.duplicate_of,
    updated_at: new Date(r.updated_at).toISOString(),
  };
}
