import { NasConfigError, NasRoot, parseNasRoots, slugify } from './nas-roots';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NasConfigError);
    return (err as NasConfigError).problems;
  }
  throw new Error('expected a NasConfigError');
}

describe('parseNasRoots', () => {
  it.each<[string, string, NasRoot[]]>([
    ['one path', '/mnt/nas', [{ name: 'nas', path: '/mnt/nas' }]],
    [
      'a samples folder in a checkout',
      '/srv/pokervod/samples/nas',
      [{ name: 'nas', path: '/srv/pokervod/samples/nas' }],
    ],
    [
      'name=path entries with spaces',
      ' media = /mnt/nas/ , archive=/mnt/nas2',
      [
        { name: 'media', path: '/mnt/nas' },
        { name: 'archive', path: '/mnt/nas2' },
      ],
    ],
    ['a trailing slash', '/mnt/nas/', [{ name: 'nas', path: '/mnt/nas' }]],
    ['doubled slashes', '//mnt//nas//', [{ name: 'nas', path: '/mnt/nas' }]],
    ['. and ..', '/mnt/x/../nas/.', [{ name: 'nas', path: '/mnt/nas' }]],
    [
      'a name derived from a folder with spaces',
      '/srv/Poker Archive',
      [{ name: 'poker-archive', path: '/srv/Poker Archive' }],
    ],
    ['a name derived from an accented folder', '/srv/Caf\u00e9', [{ name: 'cafe', path: '/srv/Caf\u00e9' }]],
    ['an = inside a path without a name', '/mnt/a=b', [{ name: 'a-b', path: '/mnt/a=b' }]],
    ['a name with digits, _ and -', 'nas_2-b=/mnt/nas', [{ name: 'nas_2-b', path: '/mnt/nas' }]],
    ['empty entries are skipped', '/mnt/nas,,', [{ name: 'nas', path: '/mnt/nas' }]],
    [
      'a path that is a string prefix of another is no nesting',
      '/mnt/nas,/mnt/nas2',
      [
        { name: 'nas', path: '/mnt/nas' },
        { name: 'nas2', path: '/mnt/nas2' },
      ],
    ],
    [
      'a Korean folder with an explicit name',
      `kr=/Volumes/${'포커'.normalize('NFD')}`,
      [{ name: 'kr', path: `/Volumes/${'포커'.normalize('NFD')}` }],
    ],
  ])('%s', (_name, value, expected) => {
    expect(parseNasRoots(value)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['nothing', '', /no root configured/],
    ['only commas', ' , ,', /no root configured/],
    ['a relative path', 'mnt/nas', /"mnt\/nas" is not an absolute POSIX path/],
    ['a relative path with a name', 'media=./nas', /"\.\/nas" is not an absolute POSIX path/],
    ['a Windows path', 'C:\\nas', /is not an absolute POSIX path/],
    ['the file system root', '/', /file system root/],
    ['the file system root after ..', '/mnt/..', /file system root/],
    ['an upper-case name', 'Media=/mnt/nas', /root name "Media" must be a lower-case slug/],
    ['a name with a space', 'my media=/mnt/nas', /must be a lower-case slug/],
    ['a name that cannot be derived', '/mnt/포커', /cannot derive a root name .* write it as name=/],
    ['two roots with the same derived name', '/a/nas,/b/nas', /two roots are named "nas"/],
    ['two roots with the same given name', 'x=/a,x=/b', /two roots are named "x"/],
    ['the same path twice', '/mnt/nas,/mnt/nas/', /\/mnt\/nas is listed twice/],
    ['the same path under two names', 'a=/mnt/nas,b=/mnt/x/../nas', /listed twice/],
    ['nested roots', '/mnt/nas,sub=/mnt/nas/sub', /must not be nested/],
    ['nested roots, child first', 'sub=/mnt/nas/sub,/mnt/nas', /must not be nested/],
    ['a NUL byte', '/mnt/nas\u0000x', /NUL byte/],
  ])('rejects %s', (_name, value, message) => {
    const problems = problemsOf(() => parseNasRoots(value));
    expect(problems.join('\n')).toMatch(message);
  });

  it('reports every problem at once and names the setting', () => {
    expect(() => parseNasRoots('relative,/,Bad=/x')).toThrow(/^NAS_ROOTS: /);
    expect(problemsOf(() => parseNasRoots('relative,/,Bad=/x'))).toHaveLength(3);
  });
});

describe('slugify', () => {
  it.each([
    ['nas', 'nas'],
    ['Poker Archive', 'poker-archive'],
    ['  WSOP 2024!! ', 'wsop-2024'],
    ['Caf\u0065\u0301', 'cafe'],
    ['Caf\u00e9x Archive', 'cafex-archive'],
    ['포커', ''],
    ['---', ''],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});
