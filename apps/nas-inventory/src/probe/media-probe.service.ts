import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { NasConfig } from '../nas.config';
import type { NasRoot } from '../match/nas-roots';
import { InventoryRepository } from '../scan/inventory.repository';
import { MediaProber } from './media-probe';
import { toVideoFile } from '../scan/scan-engine';

/**
 * Probes new and changed files after a scan, in the background and with
 * bounded concurrency; duration and frame rate are what hand clips are
 * validated against. A failure is recorded on the file, never thrown.
 */
@Injectable()
export class MediaProbeService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MediaProbe');
  private readonly repository = new InventoryRepository();
  private prober: MediaProber | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: NasConfig,
  ) {}

  onModuleInit(): void {
    this.prober = new MediaProber({
      concurrency: this.config.NAS_PROBE_CONCURRENCY,
      timeoutMs: this.config.NAS_PROBE_TIMEOUT_MS,
      logger: this.logger,
    });
  }

  enqueue(root: NasRoot, files: readonly { id: string; path: string }[]): void {
    if (!this.prober) return;
    for (const file of files) {
      const work = this.probeOne(root, file).finally(() => this.pending.delete(work));
      this.pending.add(work);
    }
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
      this.logger.warn(`could not store media of ${file.path}: ${(error as Error).message}`);
    }
  }

  /** Lets the probes asked for finish, then frees the MediaInfoLib instances. */
  async onApplicationShutdown(): Promise<void> {
    await this.idle();
    this.prober?.close();
    this.prober = null; // a scan finishing now stores no "pool closed" errors
  }
}
