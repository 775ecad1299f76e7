import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { NasConfig } from '../nas-inventory.config';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { InventoryRepository } from '../inventory/inventory.repository';
import { MediaProber } from './media-probe';
import { toVideoFile } from '../scan/scan-engine';

/** Files asked for at a time when catching up on probes that never finished. */
const RESUME_PAGE = 500;
/** How soon probes whose result could not be stored are made again. */
const STORE_RETRY_MS = 3_000;

/**
 * Probes new and changed files after a scan, in the background and with
 * bounded concurrency; duration and frame rate are what hand clips are
 * validated against. A failure is recorded on the file, never thrown. The
 * queue lives in memory, so probes a stopped or killed process never made
 * are found again in the table (at start-up and after each scan).
 */
@Injectable()
export class MediaProbeService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MediaProbe');
  private prober: MediaProber | null = null;
  private readonly pending = new Set<Promise<void>>();
  /** Ids queued or being probed: a file is probed once however often it is asked for. */
  private readonly queued = new Set<string>();
  private readonly roots: NasRoot[];
  private resuming: Promise<number> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private lookAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly repository: InventoryRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NasConfig,
  ) {
    this.roots = parseNasRoots(config.NAS_ROOTS);
  }

  onModuleInit(): void {
    this.prober = new MediaProber({
      concurrency: this.config.NAS_PROBE_CONCURRENCY,
      timeoutMs: this.config.NAS_PROBE_TIMEOUT_MS,
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    // Before its schema is migrated this finds nothing to do; the first scan looks again.
    void this.resumeUnfinished().catch((error: Error) => this.logger.debug(`no probes resumed: ${error.message}`));
  }

  enqueue(root: NasRoot, files: readonly { id: string; path: string }[]): void {
    if (!this.prober) return;
    for (const file of files) {
      if (this.queued.has(file.id)) continue;
      this.queued.add(file.id);
      const work = this.probeOne(root, file).finally(() => {
        this.pending.delete(work);
        this.queued.delete(file.id);
      });
      this.pending.add(work);
    }
  }

  /**
   * Queues every present file whose probe never finished or that changed
   * since, a page at a time (each page probed before the next is read).
   * Answers how many were queued; one catch-up runs at a time.
   */
  resumeUnfinished(): Promise<number> {
    this.resuming ??= this.catchUp().finally(() => (this.resuming = null));
    return this.resuming;
  }

  private async catchUp(): Promise<number> {
    let total = 0;
    do {
      if (this.lookAgain) await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS));
      this.lookAgain = false;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const page = await this.repository.needingProbe(this.dataSource.manager, after, RESUME_PAGE);
        if (page.length === 0 || !this.prober) break;
        for (const root of this.roots)
          this.enqueue(
            root,
            page.filter((f) => f.root === root.name),
          );
        total += page.length;
        after = page[page.length - 1]!.id;
        await this.idle();
      }
    } while (this.lookAgain && this.prober);
    if (total > 0) this.logger.log(`probed ${total} files whose probe had not finished`);
    return total;
  }

  /** Resolves when every probe asked for so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async probeOne(root: NasRoot, file: { id: string; path: string }): Promise<void> {
    if (!this.prober) return;
    const result = await this.prober.probe(path.join(root.path, file.path));
    try {
      // Stored and announced together: block C validates clips against the duration.
      await this.dataSource.transaction(async (m) => {
        const media = result.ok ? result.media : null;
        const error = result.ok ? null : result.error;
        const stored = await this.repository.setMedia(m, file.id, media, error);
        if (!stored) return;
        await this.bus.publishInTransaction(m, EventType.NAS_FILE_PROBED, {
          file_id: stored.id,
          root: stored.root,
          path: stored.path,
          media: toVideoFile(stored).media,
          error,
        });
      });
      void this.bus.flushOutbox();
    } catch (error) {
      // Postgres away (or the connection cut): the file stays unprobed in the table; look again shortly.
      this.logger.warn(`could not store media of ${file.path}: ${(error as Error).message}; retrying`);
      this.catchUpLater();
    }
  }

  private catchUpLater(): void {
    this.lookAgain = true; // a catch-up under way goes round once more
    if (this.retryTimer || !this.prober) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.resumeUnfinished().catch(() => this.catchUpLater());
    }, STORE_RETRY_MS);
    this.retryTimer.unref();
  }

  /** Lets the probes asked for finish, then frees the MediaInfoLib instances. */
  async onApplicationShutdown(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.idle();
    this.prober?.close();
    this.prober = null; // a scan finishing now stores no "pool closed" errors
  }
}
