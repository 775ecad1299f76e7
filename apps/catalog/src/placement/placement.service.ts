import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventType, ParsedMetadata } from '@pokervod/contracts';
import { PARSER_VERSION, parseFilename } from '@pokervod/filename-parser';
import type { Emit } from '../catalog-error';
import { baseName, fileNameKey, searchText, words } from '../naming/title-normalization';
import type { ProjectRow } from '../projects/project.repository';
import { ProjectsService } from '../projects/projects.service';
import { CommittedRowCache } from './bounded-cache';
import { FileWrites } from './file-writes';
import { CommitHooks } from '../transactions/commit-hooks';
import {
  EventFacts,
  Placement,
  episodeNaturalKey,
  episodeTitle,
  fileRole,
  isDefaultEvent,
  placementOf,
} from './natural-key';
import { EpisodeTitleRow, EventRow, TreeRepository } from './tree.repository';

/** A file as the NAS describes it. */
export interface NasFile {
  id: string;
  root: string;
  path: string;
  size: number | null;
  /** The NAS's parse; null: the catalog parses the path itself. */
  parsed: ParsedMetadata | null;
  /** Parser version of `parsed`: 0 when it came with the NAS event. */
  parserVersion: number;
}

interface CachedEpisode {
  id: string;
  eventId: string;
  /** A season-numbered episode already checked against the event this file names. */
  settled: boolean;
}

/** How long a transaction waits for another one of this process resolving the same tree row. */
const SINGLE_FLIGHT_WAIT_MS = 2000;
/** Long enough for the transaction that renamed an event to have committed. */
const RETITLE_DELAY_MS = 1000;

/** The search text of an episode: its title, plus the project code where the title does not say it. */
export function episodeSearchText(title: string, projectCode: string): string {
  const text = searchText(title);
  const code = projectCode.toLowerCase();
  return words(text).includes(code) ? text : `${text} ${code}`;
}

export function titleOf(row: EpisodeTitleRow): string {
  return episodeTitle(
    row.project_name,
    { year: row.year, number: row.season_number },
    { number: row.event_number, name: row.event_name, location: row.location },
    row,
  );
}

/**
 * Puts NAS files into the tree: project (parsed, else by alias, else
 * unsorted) → season → event → episode, creating what is missing and
 * emitting `*.created` for what this transaction inserted. Idempotent:
 * placing a file again changes nothing.
 */
@Injectable()
export class PlacementService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Placement');
  private readonly fileWrites = new FileWrites(this.repository);
  private readonly seasons = new CommittedRowCache<string>(20_000);
  private readonly events = new CommittedRowCache<EventRow>(50_000);
  private readonly episodes = new CommittedRowCache<CachedEpisode>(100_000);
  private readonly staleEvents = new Set<string>();
  private retitleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly repository: TreeRepository,
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly commits: CommitHooks,
  ) {}

  /**
   * nas.file.added / changed / moved: the file's row and episode. The row is
   * written with the transaction's other file rows just before it commits.
   */
  async placeFile(m: EntityManager, file: NasFile, eventAt: string, emit: Emit): Promise<void> {
    await this.guard(async () => {
      const parsed = file.parsed ?? parseFilename(file.path);
      const parserVersion = file.parsed ? file.parserVersion : PARSER_VERSION;
      const target = await this.episodeFor(m, file.path, parsed, emit);
      await this.fileWrites.upsert(m, {
        id: file.id,
        root: file.root,
        path: file.path,
        fileName: baseName(file.path),
        nameKey: fileNameKey(file.path),
        size: file.size,
        parsed,
        parserVersion,
        projectCode: target?.projectCode ?? null,
        episodeId: target?.episodeId ?? null,
        role: fileRole(file.path, parsed),
        eventAt,
      });
    });
  }

  /** nas.file.removed: the file stays, with its episode, as missing (written like `placeFile`'s rows). */
  async removeFile(
    m: EntityManager,
    removed: { file_id: string; root: string; path: string; missing_since: string },
    eventAt: string,
  ): Promise<void> {
    await this.fileWrites.markMissing(m, {
      id: removed.file_id,
      root: removed.root,
      path: removed.path,
      fileName: baseName(removed.path),
      nameKey: fileNameKey(removed.path),
      missingSince: removed.missing_since,
      eventAt,
    });
  }

  /**
   * The episode a file with this path and parse belongs in (created if
   * needed), or null when no project can be named: the file is unsorted.
   */
  async episodeFor(
    m: EntityManager,
    path: string,
    parsed: ParsedMetadata,
    emit: Emit,
  ): Promise<{ episodeId: string; projectCode: string } | null> {
    const code = parsed.project ?? this.projects.current().resolve(path);
    if (code === null) return null;
    const project = await this.projects.ensureProject(m, code, emit);
    const placement = placementOf(parsed, code);
    const seasonId = await this.season(m, project, placement);
    const event = await this.event(m, seasonId, placement.event);
    const episodeId = await this.episode(m, project, seasonId, event, placement, emit);
    return { episodeId, projectCode: code };
  }

  /** Forgets every cached id (after a failed transaction may have cached rows that were rolled back). */
  clearCaches(): void {
    this.projects.forgetRows();
    this.seasons.clear();
    this.events.clear();
    this.episodes.clear();
  }

  /**
   * Runs placement work. When it fails, its transaction rolls back, and ids
   * or names cached meanwhile may be of rows that never committed: the
   * caches are dropped so that the retry resolves afresh.
   */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.clearCaches();
      if ((error as { code?: string }).code === '23503')
        this.logger.warn(`cached tree ids were stale (${(error as Error).message}); caches cleared`);
      throw error;
    }
  }

  /**
   * Titles of the event's episodes are recomputed shortly, in a transaction
   * of their own, once the one that renamed the event has committed: not one
   * more round trip per NAS event while a scan streams in. The reconcile
   * recomputes every title anyway.
   */
  private retitleSoon(eventId: string): void {
    if (this.closed) return;
    this.staleEvents.add(eventId);
    this.retitleTimer ??= setTimeout(() => void this.retitleStale(), RETITLE_DELAY_MS).unref();
  }

  private async retitleStale(): Promise<void> {
    const ids = [...this.staleEvents];
    this.staleEvents.clear();
    try {
      if (ids.length > 0)
        await this.dataSource.transaction(async (m) => {
          await this.repository.refreshEventKeys(m, ids);
          await this.retitle(m, 'e.event_id = ANY($1::uuid[])', [ids]);
        });
    } catch (error) {
      this.logger.warn(`titles not refreshed (the next reconcile will): ${(error as Error).message}`);
    } finally {
      this.retitleTimer = null;
      if (this.staleEvents.size > 0 && !this.closed)
        this.retitleTimer = setTimeout(() => void this.retitleStale(), RETITLE_DELAY_MS).unref();
    }
  }

  onModuleInit(): void {
    this.fileWrites.attach(this.dataSource);
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.retitleTimer) clearTimeout(this.retitleTimer);
    this.retitleTimer = null;
  }

  private async season(m: EntityManager, project: ProjectRow, placement: Placement): Promise<string> {
    const key = `${project.id}|${placement.season.year ?? ''}|${placement.season.number ?? ''}`;
    return this.resolve(m, this.seasons, key, async () => {
      const { id, created } = await this.repository.findOrCreateSeason(m, project.id, placement.season);
      return { value: id, created };
    });
  }

  private async event(m: EntityManager, seasonId: string, facts: EventFacts): Promise<EventRow> {
    const key = `${seasonId}|${facts.locationKey}|${facts.ident}`;
    const lookup = async () => {
      const { row, created, renamed } = await this.repository.upsertEvent(m, seasonId, facts);
      if (renamed) this.retitleSoon(row.id);
      return { value: row, created };
    };
    const row = await this.resolve(m, this.events, key, lookup);
    if (!knowsMore(facts, row)) return row;
    // The id is committed; filled-in names may be this transaction's (only titles depend on them).
    const { value: filled } = await lookup();
    this.events.update(tx(m), key, filled);
    return filled;
  }

  /**
   * A tree row by natural key: from the cache, else from one statement. When
   * another transaction of this process is already looking the same key up
   * (the parts of one day arrive together), wait for its row to be committed
   * and shared instead of a statement of our own that would wait for it in
   * Postgres anyway. The wait is bounded: whatever goes wrong, a statement follows.
   */
  private async resolve<V>(
    m: EntityManager,
    cache: CommittedRowCache<V>,
    key: string,
    lookup: () => Promise<{ value: V; created: boolean }>,
  ): Promise<V> {
    const hit = cache.get(tx(m), key);
    if (hit !== undefined) return hit;
    await cache.awaitOther(key, SINGLE_FLIGHT_WAIT_MS);
    const shared = cache.get(tx(m), key);
    if (shared !== undefined) return shared;
    const done = cache.begin(key);
    try {
      const { value, created } = await lookup();
      if (created) this.remember(m, cache, key, value, done);
      else {
        cache.committed(key, value);
        done();
      }
      return value;
    } catch (error) {
      done();
      throw error;
    }
  }

  private async episode(
    m: EntityManager,
    project: ProjectRow,
    seasonId: string,
    event: EventRow,
    placement: Placement,
    emit: Emit,
  ): Promise<string> {
    const slot = placement.episode;
    const naturalKey = episodeNaturalKey(slot, event.id);
    const cacheKey = `${seasonId}|${naturalKey}`;
    const cached = await this.resolve(m, this.episodes, cacheKey, async () => {
      const title = episodeTitle(project.name, placement.season, event, {
        episode_number: slot.episodeNumber,
        day: slot.day,
        air_date: slot.airDate,
        final_table: slot.finalTable,
      });
      const row = await this.repository.findOrCreateEpisode(m, {
        seasonId,
        eventId: event.id,
        naturalKey,
        episodeNumber: slot.episodeNumber,
        day: slot.day,
        airDate: slot.airDate,
        finalTable: slot.finalTable,
        title,
        searchText: episodeSearchText(title, project.code),
        projectCode: project.code,
        year: placement.season.year,
        seasonNumber: placement.season.number,
        eventNumber: event.number,
        eventNameKey: event.name_key,
        locationKey: placement.event.locationKey,
      });
      if (row.created) emit(EventType.EPISODE_CREATED, { episode_id: row.id, project_code: project.code, title });
      const value: CachedEpisode = { id: row.id, eventId: row.event_id, settled: row.event_id === event.id };
      return { value, created: row.created };
    });
    if (!cached.settled && slot.scope === 'season' && !isDefaultEvent(placement.event)) {
      const outcome = await this.repository.moveEpisodeOutOfDefaultEvent(m, cached.id, event.id);
      if (outcome === 'moved') {
        this.retitleSoon(event.id);
        this.remember(m, this.episodes, cacheKey, { ...cached, eventId: event.id, settled: true });
      } else if (outcome === 'stays') {
        // Another transaction may move it meanwhile; checking again is one cheap statement.
        this.remember(m, this.episodes, cacheKey, { ...cached, settled: true });
      }
    }
    return cached.id;
  }

  /** A row this transaction wrote: its own until it commits, everybody's after. */
  private remember<V>(m: EntityManager, cache: CommittedRowCache<V>, key: string, value: V, ended?: () => void): void {
    const transaction = tx(m);
    cache.inserted(transaction, key, value);
    this.commits.afterCommit(m, () => cache.publish(transaction), ended);
  }

  /** Recomputes the titles of unlocked episodes matching `where` (an event got its name, an episode its event). */
  private async retitle(m: EntityManager, where: string, params: unknown[]): Promise<number> {
    const rows = await this.repository.episodeTitleRows(m, where, params);
    const changes = rows
      .map((row) => {
        const title = titleOf(row);
        return { id: row.id, title, searchText: episodeSearchText(title, row.project_code), row };
      })
      .filter((c) => c.title !== c.row.title || c.searchText !== c.row.search_text);
    await this.repository.updateTitles(m, changes);
    return changes.length;
  }
}

/** What identifies a transaction: its query runner (one per `dataSource.transaction()`). */
const tx = (m: EntityManager): object => m.queryRunner ?? m;

/** The file says something about its event the row does not know yet. */
function knowsMore(facts: EventFacts, row: EventRow): boolean {
  return (
    (facts.number !== null && row.number === null) ||
    (facts.name !== null && row.name === null) ||
    (facts.location !== null && row.location === null) ||
    (facts.buyIn !== null && row.buy_in === null) ||
    (facts.game !== null && row.game === null)
  );
}
