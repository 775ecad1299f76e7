import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { PARSER_VERSION, parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { NasConfig } from '../nas-inventory.config';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { MediaProbeService } from '../probe/media-probe.service';
import { InventoryRepository } from '../inventory/inventory.repository';
import { RootScanResult, ScanDeps, ScanSettings, reparseOutdated, scanRoot } from './scan-engine';

export interface ScanRequest {
  /** Root names; all roots when left out. */
  roots?: string[];
  /** One folder only: `<root name>/<path>`, or a path applied to every root that has it. */
  folder?: string;
}

export interface ScanSummary {
  results: RootScanResult[];
  duration_ms: number;
}

const LEASE_SECONDS = 3600;

/** Unreadable folders and files, for the block status an operator sees. */
function problemSummary(results: RootScanResult[]): string | undefined {
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.root}/${p.path}: ${p.error}`));
  if (problems.length === 0) return undefined;
  const shown = problems.slice(0, 5).join('; ');
  return `${problems.length} unreadable: ${shown}${problems.length > 5 ? '; …' : ''}`;
}
const PROGRESS_EVERY_MS = 1000;

/**
 * Block A's `scan_nas()`: scans the configured roots one after another, one
 * scan at a time per root across replicas (a lease row), reports progress
 * as `system.block.status`, then `nas.scan.completed` with the counts.
 * New and changed files are probed for media in the background.
 */
@Injectable()
export class ScanService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scan');
  readonly roots: NasRoot[];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly settings: ScanSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly probe: MediaProbeService,
    private readonly repository: InventoryRepository,
    @Inject(SERVICE_CONFIG) config: NasConfig,
  ) {
    this.roots = parseNasRoots(config.NAS_ROOTS);
    this.settings = {
      extensions: new Set(config.NAS_VIDEO_EXTENSIONS),
      ignoreGlobs: config.NAS_IGNORE,
      concurrency: config.NAS_SCAN_CONCURRENCY,
      stableSeconds: config.NAS_STABLE_SECONDS,
      hashWindowBytes: config.NAS_HASH_WINDOW_BYTES,
    };
  }

  onApplicationBootstrap(): void {
    this.logger.log(`roots: ${this.roots.map((r) => `${r.name}=${r.path}`).join(', ')}`);
  }

  /** Scans in this process run one after another; the caller waits for its own. */
  scan(request: ScanRequest = {}): Promise<ScanSummary> {
    const targets = this.targets(request); // a bad request fails here, before queueing
    const run = this.queue.then(() => this.scanNow(targets));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async scanNow(targets: { root: NasRoot; folder: string }[]): Promise<ScanSummary> {
    const started = Date.now();
    const results: RootScanResult[] = [];
    let seenBefore = 0;
    let lastProgress = 0;
    const progress = (seen: number) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      void this.reportStatus('in_progress', seenBefore + seen).catch(() => undefined);
    };
    await this.reportStatus('in_progress', 0);
    await this.reparseOutdated();
    for (const { root, folder } of targets) {
      // Registered here rather than at start-up, so the app starts even before its schema is migrated.
      await this.repository.upsertRoot(this.dataSource.manager, root.name, root.path);
      await this.withLease(root.name, async () => {
        results.push(await scanRoot(this.deps(progress), root, folder));
      });
      seenBefore += results[results.length - 1]?.seen ?? 0;
    }
    const summary = { results, duration_ms: Date.now() - started };
    await this.complete(summary);
    for (const r of results) {
      if (r.offline) this.logger.warn(`root ${r.root} offline: ${r.reason}`);
      for (const p of r.problems) this.logger.warn(`root ${r.root}: cannot read ${p.path}: ${p.error}`);
      const root = this.roots.find((x) => x.name === r.root);
      if (root) this.probe.enqueue(root, r.touched);
    }
    // And whatever a stopped process left unprobed.
    void this.probe.resumeUnfinished().catch((error: Error) => this.logger.warn(`probe catch-up: ${error.message}`));
    return summary;
  }

  /** Files read by an older parser are parsed again (see `reparseOutdated` in scan-engine.ts). */
  async reparseOutdated(): Promise<number> {
    const total = await reparseOutdated(this.deps(() => undefined));
    if (total > 0) this.logger.log(`re-parsed ${total} files with parser version ${PARSER_VERSION}`);
    return total;
  }

  private deps(progress: (seen: number) => void): ScanDeps {
    return {
      dataSource: this.dataSource,
      repository: this.repository,
      settings: this.settings,
      parse: parseFilename,
      parserVersion: PARSER_VERSION,
      emit: (m, events) => this.bus.publishManyInTransaction(m, events),
      progress,
    };
  }

  private targets(request: ScanRequest): { root: NasRoot; folder: string }[] {
    const wanted = request.roots ?? [];
    const roots = wanted.length ? this.roots.filter((r) => wanted.includes(r.name)) : this.roots;
    const folder = (request.folder ?? '').replace(/^\/+|\/+$/g, '');
    if (folder.split('/').some((s) => s === '..' || s === '.'))
      throw new Error(`folder "${folder}" may not contain . or ..`);
    const [first, ...rest] = folder.split('/');
    const named = roots.find((r) => r.name === first);
    if (named && folder) return [{ root: named, folder: rest.join('/') }];
    return roots.map((root) => ({ root, folder }));
  }

  private async withLease(root: string, work: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + LEASE_SECONDS * 1000;
    while (!(await this.repository.takeScanLease(this.dataSource.manager, root, LEASE_SECONDS))) {
      if (Date.now() > deadline) throw new Error(`root ${root} has been busy scanning for an hour`);
      await new Promise((r) => setTimeout(r, 1000)); // another replica scans this root now
    }
    await work();
  }

  private async complete(summary: ScanSummary): Promise<void> {
    const sum = (k: 'added' | 'changed' | 'moved' | 'removed') => summary.results.reduce((n, r) => n + r[k], 0);
    await this.dataSource.transaction(async (m) => {
      const [filesTotal, unmatched] = await Promise.all([
        this.repository.presentTotal(m),
        this.repository.unmatchedCount(m),
      ]);
      await this.bus.publishInTransaction(m, EventType.NAS_SCAN_COMPLETED, {
        files_total: filesTotal,
        added: sum('added'),
        removed: sum('removed'),
        changed: sum('changed'),
        moved: sum('moved'),
        unmatched,
        offline_roots: summary.results.filter((r) => r.offline).map((r) => r.root),
        duration_ms: summary.duration_ms,
      });
      const offline = summary.results.filter((r) => r.offline);
      await this.bus.publishInTransaction(m, EventType.BLOCK_STATUS, {
        block_id: 'A',
        status:
          offline.length === summary.results.length && offline.length > 0
            ? 'failed'
            : offline.length
              ? 'partial'
              : 'completed',
        items_processed: filesTotal,
        items_total: filesTotal,
        last_error: offline.map((r) => r.reason).join('; ') || null,
        message: problemSummary(summary.results),
      });
    });
    await this.bus.flushOutbox();
  }

  private async reportStatus(status: 'in_progress', processed: number): Promise<void> {
    const total = await this.repository.presentTotal(this.dataSource.manager);
    await this.bus.publish(EventType.BLOCK_STATUS, {
      block_id: 'A',
      status,
      items_processed: processed,
      items_total: Math.max(total, processed),
    });
  }
}
