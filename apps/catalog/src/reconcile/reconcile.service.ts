import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PARSER_VERSION, parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { EmittedEvents } from '../catalog-error';
import { fileRole } from '../placement/natural-key';
import { PlacementService, episodeSearchText, titleOf } from '../placement/placement.service';
import { TreeRepository } from '../placement/tree.repository';
import { ProjectsService } from '../projects/projects.service';
import { CatalogCounts } from '../updates/catalog-counts.repository';
import { CatalogUpdatedNotifier } from '../updates/catalog-updated.notifier';
import { FileChange, ReconcileRepository } from './reconcile.repository';

const FILE_BATCH = 500;
const EPISODE_BATCH = 2000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export interface ReconcileResult {
  counts: CatalogCounts;
  filesTotal: number;
  filesChanged: number;
  titlesChanged: number;
  /** The definition file could not be used (the previous definitions stayed in force). */
  problem: string | null;
}

/**
 * `catalog.update.requested`: the whole tree again. Re-reads the definition
 * file, re-parses names stored by another parser version, re-places every
 * file an editor did not pin, and re-titles episodes an editor did not
 * rename. Batched transactions, idempotent: a repeat finds nothing to change.
 * Episodes left empty are kept (hand clips refer to episode ids); a merge
 * keeps sending the retired episode's files to the one it was merged into.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger('Reconcile');

  constructor(
    private readonly tree: TreeRepository,
    private readonly repository: ReconcileRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly projects: ProjectsService,
    private readonly placement: PlacementService,
    private readonly updates: CatalogUpdatedNotifier,
  ) {}

  async reconcile(progress: (processed: number, total: number) => Promise<void>): Promise<ReconcileResult> {
    const { problem } = await this.projects.reload();
    const filesTotal = await this.repository.countFiles(this.dataSource.manager);
    let processed = 0;
    let filesChanged = 0;
    for (let after = ''; ;) {
      const batch = await this.repository.filesAfter(this.dataSource.manager, after, FILE_BATCH);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].id;
      filesChanged += await this.placement.guard(() =>
        this.dataSource.transaction(async (m) => {
          const emitted = new EmittedEvents();
          const changes: FileChange[] = [];
          for (const file of batch) {
            const reparse = file.parsed === null || file.parser_version !== PARSER_VERSION;
            const parsed = reparse || file.parsed === null ? parseFilename(file.path) : file.parsed;
            const role = fileRole(file.path, parsed);
            const target = file.pinned ? null : await this.placement.episodeFor(m, file.path, parsed, emitted.emit);
            const episodeId = file.pinned ? file.episode_id : (target?.episodeId ?? null);
            const projectCode = file.pinned ? file.project_code : (target?.projectCode ?? null);
            if (reparse || episodeId !== file.episode_id || projectCode !== file.project_code || role !== file.role) {
              changes.push({
                id: file.id,
                path: file.path,
                parsed,
                parserVersion: reparse ? PARSER_VERSION : file.parser_version,
                projectCode,
                episodeId,
                role,
              });
            }
          }
          const changed = await this.repository.applyFileChanges(m, changes);
          for (const e of emitted.events) await this.bus.publishInTransaction(m, e.type, e.payload as never);
          return changed;
        }),
      );
      processed += batch.length;
      await progress(processed, Math.max(filesTotal, processed));
    }
    void this.bus.flushOutbox();
    await this.tree.refreshEventKeys(this.dataSource.manager, null);
    const titlesChanged = await this.retitleAll();
    const counts = await this.updates.counts();
    this.logger.log(
      `reconciled ${processed} files (${filesChanged} changed, ${titlesChanged} titles)` +
        (problem ? `; definition file problem: ${problem}` : ''),
    );
    return { counts, filesTotal: processed, filesChanged, titlesChanged, problem };
  }

  /** Titles follow project names (the definition file may rename one) and events' names. */
  private async retitleAll(): Promise<number> {
    let changed = 0;
    for (let after = ZERO_UUID; ;) {
      const rows = await this.repository.episodeTitlesAfter(this.dataSource.manager, after, EPISODE_BATCH);
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      const changes = rows
        .map((row) => {
          const title = titleOf(row);
          return { id: row.id, title, searchText: episodeSearchText(title, row.project_code), row };
        })
        .filter((c) => c.title !== c.row.title || c.searchText !== c.row.search_text);
      await this.tree.updateTitles(this.dataSource.manager, changes);
      changed += changes.length;
    }
  }
}
