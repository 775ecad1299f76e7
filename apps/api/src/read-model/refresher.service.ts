import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { CatalogTreeSnapshot, ClipSnapshot, FilePlacement } from '@pokervod/contracts';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { BlockSnapshots } from './block-snapshots';
import { DocumentsRepository, DocumentScope } from './documents.repository';
import { ProjectionRepository } from './projection.repository';
import { QueuedRefresh, RefreshKind, RefreshQueueRepository } from './refresh-queue.repository';
import { writeTargets } from './tables';

const POLL_MS = 1000;
const CLIP_BATCH = 500;
const PAGE = 1000;
const MAX_BACKOFF_MS = 30_000;
/** Placements changed this long before the last refresh are read again (transactions commit late). */
const CATALOG_OVERLAP_MS = 60_000;
const CATALOG_STATE = 'catalog_files_as_of';

/**
 * Events that only name what changed (`hand.clip.created`, `catalog.updated`)
 * queue a refresh; this fetches the block's answer (its snapshot command)
 * and writes it to the read model. It wakes on Postgres NOTIFY from the
 * queuing transaction's commit (every replica), and polls as a fallback. A
 * block that does not answer keeps its work queued, retried with backoff;
 * the backlog shows in readiness details and metrics.
 */
@Injectable()
export class ReadModelRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReadModelRefresher');
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private closed = false;
  private readonly backoff = new Map<RefreshKind, { until: number; ms: number }>();

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly projection: ProjectionRepository,
    private readonly queue: RefreshQueueRepository,
    private readonly dataSource: DataSource,
    private readonly snapshots: BlockSnapshots,
    @Inject(SERVICE_CONFIG) private readonly config: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    void this.listen();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Runs the queue now (or right after the run in progress). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn(`refresh failed: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when nothing is queued any more (tests, the reindex). */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.running;
      const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM search.refresh_queue`)) as {
        n: number;
      }[];
      if (n === 0) return;
      if (Date.now() > deadline) throw new Error(`${n} refreshes still queued after ${timeoutMs} ms`);
      this.kick();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async drain(): Promise<void> {
    await this.step('catalog', () => this.refreshCatalog());
    await this.step('clip', () => this.refreshClips());
    await this.step('clips', () => this.refreshAllClips());
  }

  private async step(kind: RefreshKind, work: () => Promise<void>): Promise<void> {
    const wait = this.backoff.get(kind);
    if (wait && Date.now() < wait.until) return;
    try {
      await work();
      this.backoff.delete(kind);
    } catch (error) {
      const ms = Math.min(MAX_BACKOFF_MS, (wait?.ms ?? 500) * 2);
      this.backoff.set(kind, { until: Date.now() + ms, ms });
      this.logger.warn(`${kind} refresh failed, again in ${ms} ms: ${(error as Error).message}`);
    }
  }

  /** Queued clips: fetched by id; those block C no longer has are removed. */
  private async refreshClips(): Promise<void> {
    for (;;) {
      const entries = await this.queue.take(this.dataSource.manager, 'clip', CLIP_BATCH);
      if (entries.length === 0) return;
      const ids = entries.map((e) => e.ref);
      const { clips } = await this.snapshots.request('hands.clips_snapshot', { ids, limit: ids.length });
      const found = new Set(clips.map((c) => c.id));
      await this.applyClips(
        clips,
        ids.filter((id) => !found.has(id)),
        entries,
      );
      if (entries.length < CLIP_BATCH) return;
    }
  }

  /** Every clip again (after an analysis re-tagged clips without an event per clip). */
  private async refreshAllClips(): Promise<void> {
    const entries = await this.queue.take(this.dataSource.manager, 'clips', 1);
    if (entries.length === 0) return;
    await this.snapshots.pages('hands.clips_snapshot', { limit: PAGE }, (page) => this.applyClips(page.clips, [], []));
    await this.queue.done(this.dataSource.manager, entries);
  }

  private async applyClips(clips: ClipSnapshot[], gone: string[], entries: QueuedRefresh[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const ts of await writeTargets(m)) {
        const changed = await this.projection.upsertClips(m, ts, clips);
        const removed = await this.projection.deleteClips(m, ts, gone, true);
        await this.documents.refresh(m, ts, { clips: [...changed, ...removed] });
      }
      await this.queue.done(m, entries);
    });
  }

  /** The catalog's tree, and the placements changed since the last refresh. */
  private async refreshCatalog(): Promise<void> {
    const entries = await this.queue.take(this.dataSource.manager, 'catalog', 1);
    if (entries.length === 0) return;
    const tree = await this.snapshots.request('catalog.tree_snapshot', {});
    const last = await this.queue.getState<string>(this.dataSource.manager, CATALOG_STATE);
    const since = last ? new Date(Date.parse(last) - CATALOG_OVERLAP_MS).toISOString() : undefined;
    let asOf: string | null = null;
    let first = true;
    await this.snapshots.pages(
      'catalog.files_snapshot',
      { limit: PAGE, ...(since ? { updated_since: since } : {}) },
      async (page) => {
        asOf ??= page.as_of;
        await this.applyCatalog(first ? tree : null, page.files);
        first = false;
      },
    );
    await this.dataSource.transaction(async (m) => {
      if (asOf) await this.queue.setState(m, CATALOG_STATE, asOf);
      await this.queue.done(m, entries);
    });
  }

  async applyCatalog(tree: CatalogTreeSnapshot | null, placements: FilePlacement[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const ts of await writeTargets(m)) {
        const scope: DocumentScope = { files: await this.projection.upsertPlacements(m, ts, placements) };
        if (tree) {
          const changes = await this.projection.replaceTree(m, ts, tree);
          scope.projects = changes.projects;
          scope.episodes = [...changes.episodes, ...(await episodesOf(m, ts.t('episodes'), changes))];
        }
        await this.documents.refresh(m, ts, scope);
      }
    });
  }

  private async listen(): Promise<void> {
    while (!this.closed) {
      const client = new Client({
        connectionString: this.config.DATABASE_URL,
        application_name: 'api-refresh-listener',
      });
      try {
        await client.connect();
        client.on('notification', () => this.kick());
        await client.query('LISTEN search_refresh');
        this.listener = client;
        await new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
      } catch {
        // Polling covers the gap; try listening again shortly.
      }
      this.listener = null;
      await client.end().catch(() => undefined);
      if (!this.closed) await new Promise((r) => setTimeout(r, 2000).unref());
    }
  }
}

/** Episodes whose documents depend on a changed season or event (titles say the year, the event's name). */
async function episodesOf(
  m: EntityManager,
  episodes: string,
  changes: { seasons: string[]; events: string[] },
): Promise<string[]> {
  if (changes.seasons.length === 0 && changes.events.length === 0) return [];
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM ${episodes} WHERE season_id = ANY($1::text[]) OR event_id = ANY($2::text[])`,
    [changes.seasons, changes.events],
  );
  return rows.map((r) => r.id);
}
