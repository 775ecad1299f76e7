import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveUnderRoot } from './nas-roots';

describe('resolveUnderRoot', () => {
  const base = mkdtempSync(join(tmpdir(), 'api-roots-'));
  const root = join(base, 'nas');
  const outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'WSOP'), { recursive: true });
  writeFileSync(join(root, 'WSOP', 'a.mp4'), 'video');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(root, 'WSOP', 'link.mp4'));
  const roots = [{ name: 'nas', path: root }];

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('finds a file under its root', async () => {
    expect(await resolveUnderRoot(roots, 'nas', 'WSOP/a.mp4')).toBe(join(root, 'WSOP', 'a.mp4'));
  });

  it.each([
    ['an unknown root', 'other', 'WSOP/a.mp4'],
    ['a climbing path', 'nas', '../secret.txt'],
    ['a path climbing back in and out', 'nas', 'WSOP/../../secret.txt'],
    ['an absolute path', 'nas', outside],
    ['a symlink out of the root', 'nas', 'WSOP/link.mp4'],
    ['a file that is not there', 'nas', 'WSOP/b.mp4'],
    ['a NUL byte', 'nas', 'WSOP/a.mp4\0.txt'],
    ['the root itself', 'nas', ''],
  ])('refuses %s', async (_what, name, rel) => {
    expect(await resolveUnderRoot(roots, name, rel)).toBeNull();
  });
});
