import { NasConfigError, parseNasRoots } from '@pokervod/nas-roots';
import { parsePathPrefixes, rootPathPrefixes } from './nas-roots';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NasConfigError);
    return (err as NasConfigError).problems;
  }
  throw new Error('expected a NasConfigError');
}

describe('parsePathPrefixes', () => {
  const roots = parseNasRoots('media=/mnt/nas,archive=/mnt/nas2');

  it('defaults to each root path mapping to itself', () => {
    const expected = [
      {
        prefix: '/mnt/nas',
        root: 'media',
        subpath: '',
        location: { kind: 'posix', anchor: '', segments: ['mnt', 'nas'] },
      },
      {
        prefix: '/mnt/nas2',
        root: 'archive',
        subpath: '',
        location: { kind: 'posix', anchor: '', segments: ['mnt', 'nas2'] },
      },
    ];
    expect(parsePathPrefixes(undefined, roots)).toEqual(expected);
    expect(parsePathPrefixes('', roots)).toEqual(expected);
    expect(parsePathPrefixes(' , ', roots)).toEqual(expected);
    expect(rootPathPrefixes(roots)).toEqual(expected);
  });

  it('parses the documented example', () => {
    const prefixes = parsePathPrefixes(
      '\\\\nas01\\poker=media,smb://nas01/poker=media,/Volumes/poker=media,Z:\\=media',
      roots,
    );
    expect(prefixes.map((p) => [p.prefix, p.root, p.location.kind, p.location.anchor, p.location.segments])).toEqual([
      // smb://nas01/poker is the same share as \\nas01\poker: kept once
      ['\\\\nas01\\poker', 'media', 'unc', 'nas01', ['poker']],
      ['/Volumes/poker', 'media', 'posix', '', ['Volumes', 'poker']],
      ['Z:\\', 'media', 'drive', 'z:', []],
    ]);
  });

  it.each([
    ['a folder inside a root', 'Y:\\=archive/old/2019', { root: 'archive', subpath: 'old/2019' }],
    ['a folder with backslashes', 'Y:\\=archive\\old\\', { root: 'archive', subpath: 'old' }],
    ['a root name in capitals', 'Y:\\=Archive', { root: 'archive', subpath: '' }],
    ['a prefix holding =', '/Volumes/a=b=media', { prefix: '/Volumes/a=b', root: 'media' }],
    [
      'a file:// prefix',
      'file:///Volumes/poker=media',
      { location: { kind: 'posix', anchor: '', segments: ['Volumes', 'poker'] } },
    ],
    ['a root path mapped to itself', '/mnt/nas=media', { root: 'media', subpath: '' }],
    [
      'a prefix in quotes',
      '"\\\\nas01\\poker"=media',
      { location: { kind: 'unc', anchor: 'nas01', segments: ['poker'] } },
    ],
  ])('accepts %s', (_name, value, expected) => {
    const [prefix] = parsePathPrefixes(value, roots);
    expect(prefix).toMatchObject(expected);
  });

  it.each<[string, string, RegExp]>([
    ['no =', '\\\\nas01\\poker', /is not prefix=root/],
    ['nothing before =', '=media', /is not prefix=root/],
    ['an unknown root', '\\\\nas01\\poker=videos', /unknown root "videos" \(roots: media, archive\)/],
    ['no root', '\\\\nas01\\poker=', /unknown root/],
    ['.. in the folder inside the root', 'Y:\\=archive/../media', /without "\.\."/],
    ['a relative prefix', 'poker=media', /must be absolute/],
    ['.. in the prefix', '/Volumes/../etc=media', /must not contain "\.\."/],
    ['a host without a share', '\\\\nas01=media', /names a host but no share/],
    ['an unsupported URL', 'https://example.com/x=media', /unsupported URL scheme/],
    ['a NUL byte', '/Volumes/x\u0000=media', /NUL byte/],
    ['one prefix to two roots', '\\\\nas01\\poker=media,smb://NAS01/Poker=archive', /same prefix mapped to different/],
    ['one prefix to two folders', 'Z:\\=media,z:/=media/x', /same prefix mapped to different/],
    ['a root path mapped to another root', '/mnt/nas=archive', /is the path of root "media"/],
  ])('rejects %s', (_name, value, message) => {
    expect(problemsOf(() => parsePathPrefixes(value, roots)).join('\n')).toMatch(message);
  });

  it('names the setting', () => {
    expect(() => parsePathPrefixes('x=y', roots)).toThrow(/^NAS_PATH_PREFIXES: /);
  });
});
