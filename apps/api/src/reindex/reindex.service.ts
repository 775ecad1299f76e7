import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { CommandName } from '@pokervod/contracts';
import { ApiError } from '../http/api-error';
import { BlockSnapshots } from '../read-model/block-snapshots';
import { DocumentsRepository } from '../read-model/documents.repository';
import { ProjectionRepository } from '../read-model/projection.repository';
import { ReadModelRefresher } from '../read-model/refresher.service';
import { RefreshQueueRepository } from '../read-model/refresh-queue.repository';
import { ReadModelTable, SHADOW } from '../read-model/tables';
import { ReindexRepository, ReindexRun } from './reindex.repository';

const PAGE = 1000;
/** A run still "running" after this long died with its process. */
const STALE_AFTER_S = 3600;

interface Part {
  /** Who answers, for the warning. */
  commands: CommandName[];
  /** What is kept from the live read model when they do not answer. */
  tables: ReadModelTable[];
  load: () => Promise<void>;
}

/**
 * `POST /api/admin/reindex`: asks every block for a snapshot, builds the
 * read model afresh in shadow tables (events arriving meanwhile are written
 * to both), rebuilds the search documents, and swaps the shadow in within
 * one transaction: searches keep being answered throughout. A block that
 * does not answer keeps what the read model had of it, and the run says so.
 */
@Injectable()
export class ReindexService {
  private readonly logger = new Logger('Reindex');
  private current: Promise<ReindexRun> | null = null;

  constructor(
    private readonly queue: RefreshQueueRepository,
    private readonly documents: DocumentsRepository,
    private readonly projection: ProjectionRepository,
    private readonly repository: ReindexRepository,
    private readonly dataSource: DataSource,
    private readonly snapshots: BlockSnapshots,
    private readonly refresher: ReadModelRefresher,
  ) {}

  /** Starts a reindex; `wait`: resolves with the finished run. */
  async start(wait: boolean): Promise<ReindexRun> {
    const id = randomUUID();
    const run = await this.dataSource.transaction((m) => this.repository.begin(m, id, STALE_AFTER_S));
    if (!run) throw new ApiError('invalid_request', 'a reindex is already running (GET /api/admin/reindex)');
    this.current = this.build(id);
    return wait ? this.current : run;
  }

  async latest(): Promise<ReindexRun | null> {
    return this.repository.get(this.dataSource.manager);
  }

  private async build(id: string): Promise<ReindexRun> {
    const warnings: string[] = [];
    try {
      await this.dataSource.transaction((m) => this.repository.createShadow(m));
      for (const part of this.parts()) {
        try {
          await part.load();
        } catch (error) {
          const kept = await this.repository.keepLive(this.dataSource.manager, part.tables);
          warnings.push(
            `${part.commands.join(', ')} not answered (${(error as Error).message}): kept the ${kept} rows the read model had (${part.tables.join(', ')})`,
          );
        }
      }
      await this.dataSource.transaction((m) => this.documents.rebuildAll(m, SHADOW));
      await this.dataSource.transaction((m) => this.repository.swap(m));
      // The tree and placements were read before events that may have refreshed them: read them once more.
      await this.dataSource.transaction(async (m) => {
        await m.query(`DELETE FROM search.state WHERE key = 'catalog_files_as_of'`);
        await this.queue.enqueue(m, 'catalog', ['*']);
      });
      this.refresher.kick();
      const counts = await this.repository.counts(this.dataSource.manager);
      await this.repository.finish(this.dataSource.manager, id, { status: 'completed', counts, warnings, error: null });
      this.logger.log(
        `reindex ${id} completed: ${JSON.stringify(counts)}${warnings.length ? `; ${warnings.join('; ')}` : ''}`,
      );
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`reindex ${id} failed: ${message}`);
      await this.dataSource.transaction((m) => this.repository.dropShadow(m)).catch(() => undefined);
      await this.repository
        .finish(this.dataSource.manager, id, { status: 'failed', counts: {}, warnings, error: message })
        .catch(() => undefined);
    }
    return (await this.repository.get(this.dataSource.manager, id)) as ReindexRun;
  }

  private parts(): Part[] {
    const write = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => this.dataSource.transaction(work);
    return [
      {
        commands: ['nas.files_snapshot'],
        tables: ['files'],
        load: () =>
          this.snapshots.pages('nas.files_snapshot', { limit: PAGE }, async ({ files }) => {
            await write((m) =>
              this.projection.upsertFiles(
                m,
                SHADOW,
                files.map((f) => ({
                  file: f,
                  status: f.status,
                  missing_since: f.missing_since,
                  version: f.updated_at,
                })),
              ),
            );
          }),
      },
      {
        commands: ['catalog.tree_snapshot', 'catalog.files_snapshot'],
        tables: ['projects', 'seasons', 'events', 'episodes', 'file_placements'],
        load: async () => {
          const tree = await this.snapshots.request('catalog.tree_snapshot', {});
          await write((m) => this.projection.replaceTree(m, SHADOW, tree, false));
          await this.snapshots.pages('catalog.files_snapshot', { limit: PAGE }, async ({ files }) => {
            await write((m) => this.projection.upsertPlacements(m, SHADOW, files));
          });
        },
      },
      {
        commands: ['hands.clips_snapshot'],
        tables: ['clips'],
        load: () =>
          this.snapshots.pages('hands.clips_snapshot', { limit: PAGE }, async ({ clips }) => {
            await write((m) => this.projection.upsertClips(m, SHADOW, clips));
          }),
      },
      {
        commands: ['sheets.results_snapshot'],
        tables: ['sheet_syncs', 'sheet_problems'],
        load: async () => {
          const { results } = await this.snapshots.request('sheets.results_snapshot', {});
          await write(async (m) => {
            for (const result of results)
              await this.projection.applySyncResult(m, SHADOW, result, result.synced_at ?? new Date().toISOString());
          });
        },
      },
      {
        commands: ['orchestrator.rows_snapshot'],
        tables: ['sheet_rows'],
        load: () =>
          this.snapshots.pages('orchestrator.rows_snapshot', { limit: PAGE }, async ({ rows }) => {
            await write((m) => this.projection.upsertRows(m, SHADOW, rows));
          }),
      },
    ];
  }
}
