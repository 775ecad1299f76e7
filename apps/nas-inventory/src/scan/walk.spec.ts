import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WalkCounters, WalkItem, walk } from './walk';

const VIDEO = new Set(['mp4', 'mov', 'mxf', 'mkv', 'avi', 'm4v', 'ts', 'mts']);

async function collect(root: string, start = '', counters?: WalkCounters, ignoreGlobs: string[] = []) {
  const items: WalkItem[] = [];
  for await (const item of walk(root, start, { extensions: VIDEO, ignoreGlobs, concurrency: 3 }, counters))
    items.push(item);
  return items;
}

function file(root: string, rel: string | Buffer, bytes = 10): void {
  const abs = Buffer.isBuffer(rel) ? Buffer.concat([Buffer.from(`${root}/`), rel]) : path.join(root, rel);
  if (!Buffer.isBuffer(rel)) mkdirSync(path.dirname(abs as string), { recursive: true });
  writeFileSync(abs, Buffer.alloc(bytes, 1));
}

describe('walk', () => {
  let root: string;
  const longName = `${'W'.repeat(240)}_Main_Event.mp4`;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pokervod-walk-'));
    chmodSync(root, 0o755);
    file(root, 'WSOP/2023/Event 43/Day2_Part1.mp4', 100);
    file(root, 'WSOP/2023/.DS_Store');
    file(root, 'WSOP/@eaDir/thumb.mp4');
    file(root, '#recycle/old.mp4');
    file(root, 'notes.txt');
    file(root, 'Thumbs.db');
    file(root, 'EPT/Barcelona/EPT_Barcelona_2023_Main_Event_Day5_Part2.MP4');
    file(root, 'deep/a/b/c/d/e/f/g/h/deep.mkv');
    file(root, 'proxies/low/WSOP_proxy.mp4');
    file(root, 'Ã©quipe – Ã‰vÃ©nement.mov'); // mojibake, but valid UTF-8
    file(root, 'WSOP 2023 메인이벤트 1일차 파트2.mp4');
    file(root, longName);
    file(root, Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x6d, 0x70, 0x34])); // bad\xff\xfe.mp4
    symlinkSync(root, path.join(root, 'loop'));
    symlinkSync('/etc', path.join(root, 'outside'));
    symlinkSync(path.join(root, 'WSOP/2023/Event 43/Day2_Part1.mp4'), path.join(root, 'link.mp4'));
    file(root, 'locked/hidden.mp4');
    chmodSync(path.join(root, 'locked'), 0o000);
    for (const dir of [
      'WSOP',
      'WSOP/2023',
      'WSOP/2023/Event 43',
      'EPT',
      'EPT/Barcelona',
      'deep',
      'proxies',
      'proxies/low',
    ]) {
      chmodSync(path.join(root, dir), 0o755);
    }
  });

  afterAll(() => {
    chmodSync(path.join(root, 'locked'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('yields every video file once, with size, mtime and inode, skipping housekeeping, other files and symlinks', async () => {
    const counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 };
    const items = await collect(root, '', counters, ['proxies/**']);
    const files = items.filter((i) => i.kind === 'file');
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        'EPT/Barcelona/EPT_Barcelona_2023_Main_Event_Day5_Part2.MP4',
        'WSOP 2023 메인이벤트 1일차 파트2.mp4',
        'WSOP/2023/Event 43/Day2_Part1.mp4',
        'deep/a/b/c/d/e/f/g/h/deep.mkv',
        longName,
        'Ã©quipe – Ã‰vÃ©nement.mov',
        // As root, the locked folder is readable anyway; see the unprivileged test below.
        ...(process.getuid?.() === 0 ? ['locked/hidden.mp4'] : []),
      ].sort(),
    );
    const day2 = files.find((f) => f.path.endsWith('Day2_Part1.mp4'));
    expect(day2).toMatchObject({ size: 100, ino: expect.stringMatching(/^\d+$/), dev: expect.stringMatching(/^\d+$/) });
    expect(Math.abs((day2 as { mtimeMs: number }).mtimeMs - Date.now())).toBeLessThan(60_000);
    expect(counters.skippedSymlinks).toBe(3);
    expect(items.filter((i) => i.kind === 'problem')).toEqual([
      {
        kind: 'problem',
        path: expect.stringMatching(/^bad/),
        error: 'file name is not valid UTF-8; rename it on the NAS',
      },
    ]);
  });

  it('walks one folder only when asked', async () => {
    const items = await collect(root, 'WSOP/2023');
    expect(items.map((i) => i.path)).toEqual(['WSOP/2023/Event 43/Day2_Part1.mp4']);
  });

  it('reports an unreadable folder and goes on (as an unprivileged user)', () => {
    const script = `
      require('@swc-node/register');
      const { walk } = require(${JSON.stringify(path.join(__dirname, 'walk.ts'))});
      (async () => {
        const out = [];
        for await (const i of walk(${JSON.stringify(root)}, '', { extensions: new Set(['mp4','mov','mkv']) })) out.push(i);
        console.log(JSON.stringify(out));
      })();`;
    const uid = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ['-e', script], {
      ...uid,
      cwd: path.join(__dirname, '../../../..'),
      env: { ...process.env, SWC_NODE_PROJECT: 'tools/tsconfig.json' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const items = JSON.parse(run.stdout) as WalkItem[];
    expect(items.find((i) => i.path === 'locked')).toMatchObject({
      kind: 'problem',
      error: expect.stringMatching(/^EACCES/),
    });
    expect(items.some((i) => i.path === 'WSOP/2023/Event 43/Day2_Part1.mp4')).toBe(true);
  });

  it('does not fail when files disappear while it walks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pokervod-vanish-'));
    try {
      for (let d = 0; d < 20; d++) for (let f = 0; f < 50; f++) file(dir, `d${d}/f${f}.mp4`);
      const counters: WalkCounters = { directories: 0, skippedSymlinks: 0, vanished: 0 };
      let seen = 0;
      for await (const item of walk(dir, '', { extensions: VIDEO, concurrency: 2 }, counters)) {
        expect(item.kind).toBe('file');
        if (++seen === 1)
          for (let d = 10; d < 20; d++) for (let f = 0; f < 50; f++) unlinkSync(path.join(dir, `d${d}/f${f}.mp4`));
      }
      expect(seen).toBeGreaterThanOrEqual(50);
      expect(seen).toBeLessThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
