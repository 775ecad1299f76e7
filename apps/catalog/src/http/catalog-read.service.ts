import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogError } from '../catalog-error';
import { episodeLabel, eventLabel, seasonLabel } from '../placement/natural-key';
import { ProjectsService } from '../projects/projects.service';
import { CatalogReadRepository, FileView, TreeRow } from './catalog-read.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Numbers inside labels count as numbers: Day 2 before Day 10, Day 1A before Day 1B. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
/** Ascending, unknown (null) last. */
const byNumber = (a: number | null, b: number | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;

export interface EpisodeNode {
  id: string;
  title: string;
  label: string;
  episode_number: number | null;
  day: string | null;
  air_date: string | null;
  final_table: boolean;
  title_locked: boolean;
  files: number;
}

export interface EventNode {
  id: string;
  label: string;
  number: number | null;
  name: string | null;
  location: string | null;
  buy_in: number | null;
  currency: string | null;
  game: string | null;
  episodes: EpisodeNode[];
}

export interface SeasonNode {
  id: string;
  label: string;
  year: number | null;
  number: number | null;
  events: EventNode[];
}

export interface ProjectNode {
  code: string;
  name: string;
  seasons: SeasonNode[];
}

/** The catalog as the REST endpoints show it. */
@Injectable()
export class CatalogReadService {
  constructor(
    private readonly repository: CatalogReadRepository,
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  /** project → season → event → episode, with each episode's count of present files. */
  async tree(projectCode: string | null): Promise<{ projects: ProjectNode[]; unsorted: number }> {
    const known = await this.projects.list();
    const code = projectCode?.trim().toUpperCase() || null;
    if (code !== null && !known.some((p) => p.code === code)) throw new CatalogError('not_found', `no project ${code}`);
    const rows = await this.repository.treeRows(this.dataSource.manager, code);
    const byProject = new Map<string, Map<string, { node: SeasonNode; events: Map<string, EventNode> }>>();
    for (const row of rows) {
      const seasons = byProject.get(row.project_code) ?? new Map();
      byProject.set(row.project_code, seasons);
      let season = seasons.get(row.season_id);
      if (!season) {
        const key = { year: row.year, number: row.season_number };
        season = { node: { id: row.season_id, label: seasonLabel(key), ...key, events: [] }, events: new Map() };
        seasons.set(row.season_id, season);
      }
      let event = season.events.get(row.event_id);
      if (!event) {
        event = eventNode(row);
        season.events.set(row.event_id, event);
      }
      event.episodes.push(episodeNode(row));
    }
    const projects: ProjectNode[] = known
      .filter((p) => code === null || p.code === code)
      .map((p) => {
        const seasons = [...(byProject.get(p.code)?.values() ?? [])].map(({ node, events }) => {
          node.events = [...events.values()].sort(
            (a, b) => byNumber(a.number, b.number) || collator.compare(a.label, b.label),
          );
          for (const e of node.events)
            e.episodes.sort(
              (a, b) => byNumber(a.episode_number, b.episode_number) || collator.compare(a.label, b.label),
            );
          return node;
        });
        seasons.sort((a, b) => byNumber(a.year, b.year) || byNumber(a.number, b.number));
        return { code: p.code, name: p.name, seasons };
      });
    const { total } = await this.repository.unsorted(this.dataSource.manager, 0, 0);
    return { projects: projects.sort((a, b) => collator.compare(a.code, b.code)), unsorted: total };
  }

  listProjects() {
    return this.repository.projects(this.dataSource.manager);
  }

  /** One episode with its files; a merged one says which episode it was merged into. */
  async episode(id: string) {
    if (!UUID.test(id)) throw new CatalogError('not_found', `no episode ${id}`);
    const row = await this.repository.episode(this.dataSource.manager, id);
    if (!row) throw new CatalogError('not_found', `no episode ${id}`);
    const files: FileView[] = await this.repository.filesOfEpisode(this.dataSource.manager, id);
    return {
      id: row.id,
      title: row.title,
      title_locked: row.title_locked,
      merged_into: row.merged_into,
      project: { code: row.project_code, name: row.project_name },
      season: seasonLabel({ year: row.year, number: row.season_number }),
      event: eventLabel({ number: row.event_number, name: row.event_name, location: row.location }),
      label: episodeLabel(row),
      episode_number: row.episode_number,
      day: row.day,
      air_date: row.air_date,
      final_table: row.final_table,
      created_at: row.created_at,
      files,
    };
  }

  unsorted(limit: number, offset: number) {
    return this.repository.unsorted(this.dataSource.manager, limit, offset);
  }
}

function eventNode(row: TreeRow): EventNode {
  return {
    id: row.event_id,
    label: eventLabel({ number: row.event_number, name: row.event_name, location: row.location }),
    number: row.event_number,
    name: row.event_name,
    location: row.location,
    buy_in: row.buy_in,
    currency: row.currency,
    game: row.game,
    episodes: [],
  };
}

function episodeNode(row: TreeRow): EpisodeNode {
  return {
    id: row.episode_id,
    title: row.title,
    label: episodeLabel(row),
    episode_number: row.episode_number,
    day: row.day,
    air_date: row.air_date,
    final_table: row.final_table,
    title_locked: row.title_locked,
    files: row.files,
  };
}
