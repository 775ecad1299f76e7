import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { CatalogConfig } from '../catalog.config';
import { CatalogError, Emit } from '../catalog-error';
import type { ProjectDefinition } from './builtin-projects';
import { CatalogDefinitionError, mergeDefinitions, readCatalogDefinition } from './catalog-definition';
import { ProjectDirectory, ProjectEntry } from './project-directory';
import { CommitHooks } from '../transactions/commit-hooks';
import { ProjectRepository, ProjectRow } from './project.repository';

/** How often a replica re-reads the projects table (projects other replicas' editors created). */
const REFRESH_MS = 30_000;
/** Until the definitions are written once (the schema may still be migrating), retry this often. */
const SYNC_RETRY_MS = 5_000;

type Definition = ProjectDefinition & { source: 'builtin' | 'file' };

/**
 * The projects: built-in brands + the definition file (`CATALOG_FILE`) +
 * editors' `create_project` + codes the parser knows and no definition does.
 * The directory (codes and aliases) lives in memory and never needs the
 * database, so placement inside a handler's transaction never waits for
 * another connection; a project row is created in that transaction the
 * first time a file needs it.
 */
@Injectable()
export class ProjectsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projects');
  private definitions: Definition[] = mergeDefinitions([]);
  /** Rows known to be committed, by code. */
  private readonly rows = new Map<string, ProjectRow>();
  /** Rows a transaction inserted, visible to it alone until it commits. */
  private readonly pending = new WeakMap<object, Map<string, ProjectRow>>();
  private directory = new ProjectDirectory([]);
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly repository: ProjectRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly commits: CommitHooks,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {}

  /** A bad definition file stops the start with a message naming the file and each problem. */
  onModuleInit(): void {
    if (this.config.CATALOG_FILE) this.definitions = mergeDefinitions(readCatalogDefinition(this.config.CATALOG_FILE));
    this.rebuildDirectory();
  }

  /** Writes the definitions in the background (retrying while the schema is not there yet), then keeps the rows fresh. */
  onApplicationBootstrap(): void {
    const attempt = async () => {
      this.timer = null;
      if (this.closed) return;
      try {
        await this.sync();
        this.timer = setTimeout(refresh, REFRESH_MS).unref();
      } catch (error) {
        this.logger.warn(`projects not written yet: ${(error as Error).message}`);
        this.timer = setTimeout(() => void attempt(), SYNC_RETRY_MS).unref();
      }
    };
    const refresh = async () => {
      this.timer = null;
      if (this.closed) return;
      await this.loadRows().catch(() => undefined);
      this.timer = setTimeout(() => void refresh(), REFRESH_MS).unref();
    };
    void attempt();
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Codes and aliases of every project (built-in, file, editors', parser's). */
  current(): ProjectDirectory {
    return this.directory;
  }

  /**
   * Re-reads the definition file and writes the definitions (reconcile). A
   * file that became invalid leaves the previous definitions in force; the
   * problem is returned.
   */
  async reload(): Promise<{ problem: string | null }> {
    let problem: string | null = null;
    if (this.config.CATALOG_FILE) {
      try {
        this.definitions = mergeDefinitions(readCatalogDefinition(this.config.CATALOG_FILE));
      } catch (error) {
        if (!(error instanceof CatalogDefinitionError)) throw error;
        problem = error.message;
        this.logger.error(`${problem}\nkeeping the previous definitions`);
      }
    }
    await this.sync();
    return { problem };
  }

  /**
   * The project row of a code, created in the caller's transaction when it
   * is new (from its definition, or named by its code when only the parser
   * knows it), announcing `catalog.project.created` through `emit`.
   */
  async ensureProject(m: EntityManager, code: string, emit: Emit): Promise<ProjectRow> {
    const transaction = m.queryRunner ?? m;
    const known = this.rows.get(code) ?? this.pending.get(transaction)?.get(code);
    if (known) return known;
    const definition = this.definitions.find((d) => d.code === code);
    const { row, inserted } = await this.repository.insertIfMissing(
      m,
      definition ?? { code, name: code, aliases: [code.toLowerCase()], source: 'parser' },
    );
    if (inserted) {
      emit(EventType.PROJECT_CREATED, { project_id: row.id, code: row.code, name: row.name });
      const own = this.pending.get(transaction) ?? new Map<string, ProjectRow>();
      this.pending.set(transaction, own.set(code, row));
      this.commits.afterCommit(m, () => {
        this.rows.set(code, row);
        if (!definition) this.rebuildDirectory();
      });
    } else {
      this.rows.set(code, row);
      if (!definition) this.rebuildDirectory();
    }
    return row;
  }

  /** Forgets the known rows (a rolled-back transaction may have created some). */
  forgetRows(): void {
    this.rows.clear();
  }

  /** `create_project(code, name)`: an editor's project (an existing code is renamed and becomes the editor's). */
  async create(codeInput: string, nameInput: string): Promise<{ id: string; code: string; name: string }> {
    const code = codeInput.trim().toUpperCase();
    const name = nameInput.trim();
    if (!/^[A-Z0-9][A-Z0-9_-]{0,31}$/.test(code))
      throw new CatalogError('invalid_request', 'code: letters, digits, _ and - only (at most 32)');
    if (name === '') throw new CatalogError('invalid_request', 'name: must not be empty');
    const row = await this.dataSource.transaction(async (m) => {
      const { row: project, inserted } = await this.repository.upsertByEditor(m, code, name);
      if (inserted) {
        await this.bus.publishInTransaction(m, EventType.PROJECT_CREATED, {
          project_id: project.id,
          code: project.code,
          name: project.name,
        });
      }
      return project;
    });
    void this.bus.flushOutbox();
    this.rows.set(row.code, row);
    this.rebuildDirectory();
    return { id: row.id, code: row.code, name: row.name };
  }

  list(): Promise<ProjectRow[]> {
    return this.repository.list(this.dataSource.manager);
  }

  /** Writes every definition (new ones announced with `catalog.project.created`), then reloads the rows. */
  private async sync(): Promise<void> {
    const definitions = this.definitions;
    const inserted = await this.dataSource.transaction(async (m) => {
      const rows = await this.repository.upsertDefinitions(m, definitions);
      for (const row of rows) {
        await this.bus.publishInTransaction(m, EventType.PROJECT_CREATED, {
          project_id: row.id,
          code: row.code,
          name: row.name,
        });
      }
      return rows;
    });
    if (inserted.length > 0) void this.bus.flushOutbox();
    await this.loadRows();
  }

  private async loadRows(): Promise<void> {
    const rows = await this.repository.list(this.dataSource.manager);
    this.rows.clear();
    for (const row of rows) this.rows.set(row.code, row);
    this.rebuildDirectory();
  }

  /** Definitions, then rows no definition covers (editors', parser's) or that an editor owns. */
  private rebuildDirectory(): void {
    const entries = new Map<string, ProjectEntry>();
    for (const d of this.definitions) entries.set(d.code, d);
    for (const row of this.rows.values())
      if (!entries.has(row.code) || row.source === 'editor') entries.set(row.code, row);
    this.directory = new ProjectDirectory([...entries.values()]);
  }
}
