import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { quietLogger, waitFor } from '@pokervod/testing';
import { FolderWatcher, collapse } from './folder-watcher';

describe('FolderWatcher', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pokervod-watch-'));
    mkdirSync(path.join(root, 'WSOP/2024'), { recursive: true });
    mkdirSync(path.join(root, 'EPT'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('turns a burst of changes into one scan per touched folder, after the burst', async () => {
    const scans: string[] = [];
    const watcher = new FolderWatcher(
      [{ name: 'media', path: root }],
      async (r, f) => {
        scans.push(`${r}:${f}`);
        return { unstable: 0 };
      },
      { debounceMs: 300, settleMs: 1000 },
      quietLogger,
    );
    watcher.start();
    try {
      for (let i = 0; i < 5; i++) writeFileSync(path.join(root, `WSOP/2024/Day${i}.mp4`), 'x');
      writeFileSync(path.join(root, 'EPT/Prague.mp4'), 'x');
      writeFileSync(path.join(root, 'EPT/.DS_Store'), 'x');
      await waitFor(() => scans.length >= 2, { timeoutMs: 5000 });
      await new Promise((r) => setTimeout(r, 600));
      expect(scans.sort()).toEqual(['media:EPT', 'media:WSOP/2024']);
    } finally {
      watcher.stop();
    }
  });

  it('scans again once files that were still being written have settled', async () => {
    const scans: number[] = [];
    const watcher = new FolderWatcher(
      [{ name: 'media', path: root }],
      async () => {
        scans.push(Date.now());
        return { unstable: scans.length === 1 ? 1 : 0 };
      },
      { debounceMs: 100, settleMs: 400 },
      quietLogger,
    );
    watcher.start();
    try {
      writeFileSync(path.join(root, 'EPT/copying.mp4'), 'x');
      await waitFor(() => scans.length === 2, { timeoutMs: 5000, description: 'follow-up scan' });
      expect(scans[1]! - scans[0]!).toBeGreaterThanOrEqual(380);
      await new Promise((r) => setTimeout(r, 700));
      expect(scans).toHaveLength(2);
    } finally {
      watcher.stop();
    }
  });

  it('reports a root it cannot watch instead of failing', () => {
    const warnings: string[] = [];
    const watcher = new FolderWatcher(
      [{ name: 'gone', path: path.join(root, 'nope') }],
      async () => ({ unstable: 0 }),
      {
        debounceMs: 100,
        settleMs: 100,
      },
      { log: () => undefined, warn: (m) => void warnings.push(m) },
    );
    watcher.start();
    watcher.stop();
    expect(warnings[0]).toMatch(/cannot watch .*nope.*relying on scheduled scans/);
  });

  it('collapses nested folders into their parent', () => {
    expect(collapse(['WSOP/2024', 'WSOP', 'EPT/Prague', 'EPT/Prague/Day1'])).toEqual(['EPT/Prague', 'WSOP']);
  });
});
