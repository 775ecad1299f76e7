import fc from 'fast-check';
import * as path from 'node:path';
import { isLookupKeysError, lookupKeys, sameFileName } from './file-candidates';
import { NasRoot, parseNasRoots } from '@pokervod/nas-roots';
import { PathPrefix, parsePathPrefixes } from './nas-roots';
import { RootRelativePath, isPathFormError, toRootRelative } from './path-forms';

interface Setup {
  readonly label: string;
  readonly roots: NasRoot[];
  readonly prefixes: PathPrefix[];
}

const multiRoots = parseNasRoots('media=/mnt/nas,archive=/mnt/nas2,kr=/Volumes/포커');
const singleRoot = parseNasRoots('media=/mnt/nas');
const setups: Setup[] = [
  {
    label: 'several roots and prefixes',
    roots: multiRoots,
    prefixes: parsePathPrefixes(
      '\\\\nas01\\poker=media,smb://nas01/archive=archive,/Volumes/poker=media,Z:\\=media,Y:\\=archive/old',
      multiRoots,
    ),
  },
  { label: 'a single root, default prefixes', roots: singleRoot, prefixes: parsePathPrefixes('', singleRoot) },
];

/** Pieces that make up the interesting inputs: prefixes, separators, dots (plain and encoded), quotes, NUL. */
const token = fc.constantFrom(
  '/',
  '\\',
  '//',
  '\\\\',
  '.',
  '..',
  '../',
  '..\\',
  '%2e',
  '%2E%2e',
  '%2f',
  '%5c',
  '%00',
  '%20',
  '%',
  '\u0000',
  ' ',
  '"',
  "'",
  '/mnt/nas',
  '/mnt/nas2',
  '/mnt',
  '/etc/passwd',
  '/Volumes/poker',
  '/Volumes/포커',
  'media',
  'archive',
  'kr',
  'WSOP',
  '2024',
  'x.mp4',
  '메인이벤트'.normalize('NFD'),
  'smb://',
  'file://',
  'file:///',
  'nas01',
  'NAS01',
  'poker',
  'evil',
  'Z:',
  'Y:',
  'C:',
  '?',
  'UNC',
  '@',
  ':445',
);
const structured = fc.array(fc.oneof(token, fc.string({ maxLength: 3 })), { maxLength: 14 }).map((t) => t.join(''));
/** Starts at a known root or prefix, so that most inputs get past the prefix and exercise `..` handling. */
const anchored = fc
  .tuple(
    fc.constantFrom(
      '/mnt/nas/',
      '\\\\nas01\\poker\\',
      '//NAS01/Poker/',
      'smb://nas01/archive/',
      'file:///mnt/nas2/',
      'Z:\\',
      'Y:/',
      'media/',
      'archive\\',
      '/Volumes/poker/',
      '/Volumes/포커/',
    ),
    structured,
  )
  .map(([prefix, rest]) => prefix + rest);
const anyInput = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('.', '/', '\\', '%', '2', 'e', 'a', ':', '\u0000') }),
  structured,
  anchored,
);

function assertInsideRoot(roots: readonly NasRoot[], result: RootRelativePath): void {
  const root = roots.find((r) => r.name === result.root);
  expect(root).toBeDefined();
  expect(result.path.startsWith('/')).toBe(false);
  expect(result.path).not.toContain('\\');
  expect(result.path).not.toContain('\u0000');
  if (result.path !== '') {
    for (const segment of result.path.split('/')) expect(['', '.', '..']).not.toContain(segment);
  }
  const resolved = path.posix.resolve(root!.path, result.path);
  expect(resolved === root!.path || resolved.startsWith(`${root!.path}/`)).toBe(true);
}

describe.each(setups)('toRootRelative properties ($label)', ({ roots, prefixes }) => {
  it('never throws, and every success stays inside its root', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = toRootRelative(input, roots, prefixes);
        if (!isPathFormError(result)) assertInsideRoot(roots, result);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips: the root path plus a result, as a file:// URL, maps back to the same result', () => {
    const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = toRootRelative(input, roots, prefixes);
        if (isPathFormError(result)) return;
        const root = roots.find((r) => r.name === result.root)!;
        let url: string;
        try {
          url = `file://${encode(root.path)}/${encode(result.path)}`;
        } catch {
          return; // a lone surrogate: not a name a NAS can hold
        }
        expect(toRootRelative(url, roots, prefixes)).toEqual(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('with a file name, lookupKeys never throws and stays inside the root', () => {
    fc.assert(
      fc.property(anyInput, fc.option(anyInput, { nil: undefined }), (link, name) => {
        const target = toRootRelative(link, roots, prefixes);
        if (isPathFormError(target)) return;
        const keys = lookupKeys(target, name);
        if (!isLookupKeysError(keys)) assertInsideRoot(roots, keys);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sameFileName properties', () => {
  it('ignores NFC vs NFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        expect(sameFileName(name.normalize('NFC'), name.normalize('NFD'))).toBe(true);
      }),
    );
  });
});
