import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { NasConfig } from '../nas-inventory.config';
import { ScanService } from '../scan/scan.service';
import { FolderWatcher } from './folder-watcher';

/** Local roots are watched, so new files appear within seconds instead of at the next scheduled scan. */
@Injectable()
export class WatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private watcher: FolderWatcher | null = null;

  constructor(
    private readonly scans: ScanService,
    @Inject(SERVICE_CONFIG) private readonly config: NasConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.NAS_WATCH) return;
    this.watcher = new FolderWatcher(
      this.scans.roots,
      async (root, folder) => {
        const summary = await this.scans.scan({ roots: [root], folder });
        return { unstable: summary.results.reduce((n, r) => n + r.unstable, 0) };
      },
      { debounceMs: this.config.NAS_WATCH_DEBOUNCE_MS, settleMs: (this.config.NAS_STABLE_SECONDS + 1) * 1000 },
      new Logger('Watch'),
    );
    this.watcher.start();
  }

  onApplicationShutdown(): void {
    this.watcher?.stop();
  }
}
