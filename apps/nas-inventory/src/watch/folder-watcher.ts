import { FSWatcher, watch } from 'node:fs';
import { isIgnoredName } from '../scan/walk';

export interface WatchedRoot {
  name: string;
  path: string;
}

export interface WatcherLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** Scans one folder of a root; resolves to how many files were seen but not stable yet. */
export type FolderScan = (root: string, folder: string) => Promise<{ unstable: number }>;

const WHOLE_ROOT_AFTER = 20;

/**
 * Watches local roots (where the OS allows) and turns bursts of file-system
 * events into folder scans: changes are gathered per root until `debounceMs`
 * pass without new ones, then each touched folder is scanned once (the whole
 * root when many were touched). A scan that found files still being written
 * is repeated once they have had time to settle. The watcher only signals:
 * the scan decides what changed.
 */
export class FolderWatcher {
  private readonly watchers: FSWatcher[] = [];
  private readonly touched = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly roots: readonly WatchedRoot[],
    private readonly scan: FolderScan,
    private readonly options: { debounceMs: number; settleMs: number },
    private readonly logger: WatcherLogger,
  ) {}

  start(): void {
    for (const root of this.roots) {
      try {
        const watcher = watch(root.path, { recursive: true }, (_event, filename) => {
          if (filename) this.touch(root.name, filename.toString());
        });
        watcher.on('error', (error) => this.logger.warn(`watching ${root.path} stopped: ${error.message}`));
        this.watchers.push(watcher);
        this.logger.log(`watching ${root.path} for changes`);
      } catch (error) {
        // A share that does not deliver events (many SMB/NFS mounts): the hourly scan covers it.
        this.logger.warn(`cannot watch ${root.path}: ${(error as Error).message}; relying on scheduled scans`);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watchers) w.close();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private touch(root: string, relative: string): void {
    const segments = relative.split(/[\\/]/);
    if (segments.some(isIgnoredName)) return;
    const folder = segments.slice(0, -1).join('/');
    const folders = this.touched.get(root) ?? new Set<string>();
    folders.add(folder);
    this.touched.set(root, folders);
    this.schedule(root, this.options.debounceMs);
  }

  private schedule(root: string, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(root));
    this.timers.set(
      root,
      setTimeout(() => void this.flush(root), delayMs),
    );
  }

  private async flush(root: string): Promise<void> {
    this.timers.delete(root);
    const folders = [...(this.touched.get(root) ?? [])];
    this.touched.delete(root);
    const targets = folders.length > WHOLE_ROOT_AFTER || folders.includes('') ? [''] : collapse(folders);
    const unsettled: string[] = [];
    for (const folder of targets) {
      try {
        const { unstable } = await this.scan(root, folder);
        if (unstable > 0) unsettled.push(folder);
      } catch (error) {
        this.logger.warn(`scan of ${root}/${folder} after a change failed: ${(error as Error).message}`);
      }
    }
    if (unsettled.length > 0) {
      const folders = this.touched.get(root) ?? new Set<string>();
      for (const f of unsettled) folders.add(f);
      this.touched.set(root, folders);
      this.schedule(root, this.options.settleMs);
    }
  }
}

/** Drops folders inside other listed folders: scanning the parent covers them. */
export function collapse(folders: readonly string[]): string[] {
  const sorted = [...new Set(folders)].sort();
  return sorted.filter((f) => !sorted.some((p) => p !== f && (p === '' || f.startsWith(`${p}/`))));
}
