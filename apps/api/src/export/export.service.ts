import { Inject, Injectable } from '@nestjs/common';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { formatFrameRate } from '@pokervod/timecode';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { BrowseRepository } from '../browse/browse.repository';
import { ClipRow, clipRate, toClipView } from '../browse/views';
import { ApiError, notFound } from '../http/api-error';
import { SearchService } from '../search/search.service';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { toCsv } from './csv';
import { EDL_MAX_EVENTS, toEdl } from './edl';
import type { ExportFormat, ExportQuery } from './export.queries';
import { toFcpxml } from './fcpxml';
import { ExportClip, timelineFor } from './timeline';

export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  edl: 'text/plain; charset=utf-8',
  fcpxml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase() || 'clips';

/** The clips of an episode or of a search, as CSV, CMX3600 EDL, FCPXML 1.10 or JSON. */
@Injectable()
export class ExportService {
  private readonly roots: NasRoot[];

  constructor(
    private readonly browse: BrowseRepository,
    private readonly searches: SearchService,
    @Inject(SERVICE_CONFIG) private readonly config: ApiConfig,
  ) {
    this.roots = parseNasRoots(config.NAS_ROOTS);
  }

  async export(query: ExportQuery): Promise<ExportFile> {
    const { title, rows } = await this.clips(query);
    const clips = rows.map((row) => this.exportClip(row));
    const timeline = timelineFor(clips, query.rate ?? null, query.drop_frame ?? null);
    const fileName = `pokervod-${slug(title)}.${query.format}`;
    let body: string;
    switch (query.format) {
      case 'csv':
        body = toCsv(clips);
        break;
      case 'edl':
        if (clips.length > EDL_MAX_EVENTS)
          throw new ApiError(
            'invalid_request',
            `an EDL holds at most ${EDL_MAX_EVENTS} clips; this export has ${clips.length}`,
          );
        body = toEdl(title, clips, timeline);
        break;
      case 'fcpxml':
        body = toFcpxml(title, clips, timeline);
        break;
      case 'json':
        body = JSON.stringify({
          exported_at: new Date().toISOString(),
          title,
          frame_rate: formatFrameRate(timeline.rate),
          drop_frame: timeline.dropFrame,
          clips: rows.map(toClipView),
        });
        break;
    }
    return { body, contentType: TYPES[query.format], fileName };
  }

  private async clips(query: ExportQuery): Promise<{ title: string; rows: ClipRow[] }> {
    const max = this.config.API_EXPORT_MAX_CLIPS;
    if (query.episode) {
      const episode = await this.browse.episode(query.episode);
      if (!episode) throw notFound(`episode ${query.episode}`);
      const rows = await this.browse.clipsOfEpisode(episode.id);
      if (rows.length > max) throw tooMany(rows.length, max);
      // In the order of the broadcast: file by file, then by in-point.
      rows.sort(
        (a, b) => (a.path ?? '').localeCompare(b.path ?? '') || Number(a.in_frame ?? 0) - Number(b.in_frame ?? 0),
      );
      return { title: episode.title, rows };
    }
    const filter = {
      q: query.q,
      tag: query.tag,
      player: query.player,
      project: query.project,
      year: query.year,
      status: query.status,
      kind: undefined,
      episode: undefined,
    };
    const ids = await this.searches.clipIds(filter, max);
    if (ids.length > max) throw tooMany(ids.length, max);
    const rank = new Map(ids.map((id, i) => [id, i]));
    const rows = ids.length ? await this.browse.clips({ ids }, null, ids.length) : [];
    rows.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    return { title: query.q ? `Search: ${query.q}` : 'PokerVOD clips', rows };
  }

  private exportClip(row: ClipRow): ExportClip {
    const root = row.root ? this.roots.find((r) => r.name === row.root) : undefined;
    const absolute = root && row.path ? path.posix.join(root.path, row.path) : `/${row.root ?? ''}/${row.path ?? ''}`;
    return {
      id: row.id,
      status: row.status,
      reasons: row.reasons,
      hand_no: row.hand_no,
      players: row.players_text,
      description: row.description,
      tags: row.tags.map((t) => t.name).filter((t) => !t.startsWith('player:')),
      in_frame: row.in_frame === null ? null : Number(row.in_frame),
      out_frame: row.out_frame === null ? null : Number(row.out_frame),
      rate: clipRate(row),
      drop_frame: row.drop_frame,
      duration_s: row.duration_s,
      project_code: row.project_code,
      episode_title: row.episode_title,
      file:
        row.video_file_id && row.file_name !== null
          ? {
              id: row.video_file_id,
              file_name: row.file_name,
              root: row.root ?? '',
              path: row.path ?? '',
              url: pathToFileURL(absolute).href,
              duration_s: row.file_duration_s,
            }
          : null,
    };
  }
}

function tooMany(count: number, max: number): ApiError {
  return new ApiError(
    'invalid_request',
    `${count > max ? 'more than ' : ''}${max} clips match; narrow the search (API_EXPORT_MAX_CLIPS)`,
  );
}
