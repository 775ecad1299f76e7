import { parseNasRoots } from '@pokervod/nas-roots';
import { parsePathPrefixes } from './nas-roots';
import { PathFormErrorCode, RootRelativePath, resolveBelow, toRootRelative } from './path-forms';

// Two roots where one path is a string prefix of the other (/mnt/nas vs /mnt/nas2).
const roots = parseNasRoots('media=/mnt/nas,archive=/mnt/nas2');
const prefixes = parsePathPrefixes(
  [
    '\\\\nas01\\poker=media',
    'smb://nas01/poker=media',
    'smb://nas01/archive=archive',
    '/Volumes/poker=media',
    'Z:\\=media',
    'Y:\\=archive/old',
    '\\\\nas01\\포커=media/KR',
  ].join(','),
  roots,
);

const single = parseNasRoots('media=/mnt/nas');
const singlePrefixes = parsePathPrefixes('', single);

const NFC_EVENT = '메인이벤트';
const NFD_EVENT = NFC_EVENT.normalize('NFD');

describe('toRootRelative: accepted forms', () => {
  const ok: Array<[string, string, RootRelativePath]> = [
    // POSIX under a root
    ['posix file', '/mnt/nas/WSOP/2024/x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['posix, second root', '/mnt/nas2/WSOP/x.mp4', { root: 'archive', path: 'WSOP/x.mp4' }],
    ['the root itself', '/mnt/nas', { root: 'media', path: '' }],
    ['the root with a trailing slash', '/mnt/nas/', { root: 'media', path: '' }],
    ['folder with a trailing slash', '/mnt/nas/WSOP/2024/', { root: 'media', path: 'WSOP/2024' }],
    ['doubled slashes and ./', '/mnt/nas//WSOP///2024/./x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['.. staying under the root', '/mnt/nas/WSOP/2024/../2023/x.mp4', { root: 'media', path: 'WSOP/2023/x.mp4' }],
    ['.. back to the root', '/mnt/nas/WSOP/..', { root: 'media', path: '' }],
    ['mixed separators', '/mnt/nas/WSOP\\2024/x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['case differs in the root path', '/MNT/Nas/WSOP', { root: 'media', path: 'WSOP' }],
    ['%20 in a plain path', '/mnt/nas/Main%20Event/x.mp4', { root: 'media', path: 'Main Event/x.mp4' }],
    ['a literal % stays', '/mnt/nas/100%/x.mp4', { root: 'media', path: '100%/x.mp4' }],
    ['other escapes stay literal in a plain path', '/mnt/nas/%2e%2e/x', { root: 'media', path: '%2e%2e/x' }],
    ['//posix path (no UNC prefix matches)', '//mnt/nas/WSOP', { root: 'media', path: 'WSOP' }],
    ['relative part keeps its case', '/mnt/nas/wsop/MAIN Event', { root: 'media', path: 'wsop/MAIN Event' }],
    ['Korean NFD below the root is kept as is', `/mnt/nas/${NFD_EVENT}`, { root: 'media', path: NFD_EVENT }],
    // UNC
    ['UNC', '\\\\nas01\\poker\\WSOP\\2024\\x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['UNC, host and share in another case', '\\\\NAS01\\Poker\\WSOP\\2024', { root: 'media', path: 'WSOP/2024' }],
    ['UNC with forward slashes', '//nas01/poker/WSOP/2024', { root: 'media', path: 'WSOP/2024' }],
    ['UNC with mixed separators', '\\\\nas01/poker\\WSOP/2024\\', { root: 'media', path: 'WSOP/2024' }],
    ['UNC share root', '\\\\nas01\\poker', { root: 'media', path: '' }],
    ['UNC long-path form', '\\\\?\\UNC\\nas01\\poker\\WSOP', { root: 'media', path: 'WSOP' }],
    ['UNC .. inside', '\\\\nas01\\poker\\WSOP\\2024\\..\\2023', { root: 'media', path: 'WSOP/2023' }],
    ['UNC to a folder inside a root', '\\\\nas01\\포커\\2024', { root: 'media', path: 'KR/2024' }],
    ['UNC share in NFD', `\\\\nas01\\${'포커'.normalize('NFD')}\\2024`, { root: 'media', path: 'KR/2024' }],
    // smb://
    ['smb://', 'smb://nas01/poker/WSOP/2024/x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['smb:// with %20', 'smb://nas01/poker/WSOP/Main%20Event/x.mp4', { root: 'media', path: 'WSOP/Main Event/x.mp4' }],
    ['smb:// upper case', 'SMB://NAS01/POKER/WSOP', { root: 'media', path: 'WSOP' }],
    ['smb:// with user and port', 'smb://editor@nas01:445/poker/WSOP', { root: 'media', path: 'WSOP' }],
    ['smb:// second share', 'smb://nas01/archive/2019/x.mp4', { root: 'archive', path: '2019/x.mp4' }],
    [
      'smb:// with UTF-8 escapes',
      `smb://nas01/poker/${encodeURIComponent(NFC_EVENT)}`,
      { root: 'media', path: NFC_EVENT },
    ],
    ['smb:// trailing slash', 'smb://nas01/poker/WSOP/', { root: 'media', path: 'WSOP' }],
    ['UNC share via smb:// spelling', 'smb://nas01/poker', { root: 'media', path: '' }],
    // file://
    ['file:///', 'file:///mnt/nas/WSOP/x.mp4', { root: 'media', path: 'WSOP/x.mp4' }],
    ['file:/// with %20', 'file:///mnt/nas/Main%20Event/x.mp4', { root: 'media', path: 'Main Event/x.mp4' }],
    ['file://localhost', 'file://localhost/mnt/nas/WSOP', { root: 'media', path: 'WSOP' }],
    ['file://host/share', 'file://nas01/poker/WSOP', { root: 'media', path: 'WSOP' }],
    ['file://host/share, host case', 'file://Nas01/Poker/WSOP', { root: 'media', path: 'WSOP' }],
    ['file://// (UNC in a file URL)', 'file:////nas01/poker/WSOP', { root: 'media', path: 'WSOP' }],
    ['file:///Z:/ (drive in a file URL)', 'file:///Z:/WSOP/2024', { root: 'media', path: 'WSOP/2024' }],
    ['file:/ (one slash)', 'file:/mnt/nas/WSOP', { root: 'media', path: 'WSOP' }],
    // Windows drives
    ['drive', 'Z:\\WSOP\\2024\\x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['drive, lower case, forward slashes', 'z:/WSOP/2024', { root: 'media', path: 'WSOP/2024' }],
    ['drive alone', 'Z:', { root: 'media', path: '' }],
    ['drive root', 'Z:\\', { root: 'media', path: '' }],
    ['drive-relative', 'Z:WSOP', { root: 'media', path: 'WSOP' }],
    ['drive long-path form', '\\\\?\\Z:\\WSOP', { root: 'media', path: 'WSOP' }],
    ['drive mapped to a folder inside a root', 'Y:\\2019\\x.mp4', { root: 'archive', path: 'old/2019/x.mp4' }],
    // other POSIX mount points
    ['mac mount point', '/Volumes/poker/WSOP', { root: 'media', path: 'WSOP' }],
    ['mac mount point, other case', '/Volumes/Poker/WSOP', { root: 'media', path: 'WSOP' }],
    // relative with a root name
    ['relative with a root name', 'media/WSOP/2024/x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['relative with a root name in capitals', 'MEDIA\\WSOP', { root: 'media', path: 'WSOP' }],
    ['relative, second root', 'archive/x.mp4', { root: 'archive', path: 'x.mp4' }],
    ['root name alone', 'media', { root: 'media', path: '' }],
    ['root name with ./', './media/WSOP', { root: 'media', path: 'WSOP' }],
    // as copied from a sheet
    ['surrounding whitespace', '  /mnt/nas/WSOP \t\n', { root: 'media', path: 'WSOP' }],
    ['double quotes', '"/mnt/nas/WSOP/x.mp4"', { root: 'media', path: 'WSOP/x.mp4' }],
    ['quotes and whitespace', '  " \\\\nas01\\poker\\WSOP "  ', { root: 'media', path: 'WSOP' }],
    ['single quotes', "'smb://nas01/poker/WSOP'", { root: 'media', path: 'WSOP' }],
    ['curly quotes', '\u201c/mnt/nas/WSOP\u201d', { root: 'media', path: 'WSOP' }],
    ['angle brackets', '<smb://nas01/poker/WSOP>', { root: 'media', path: 'WSOP' }],
    ['zero-width space and NBSP', '\u200b\u00a0/mnt/nas/WSOP\u00a0', { root: 'media', path: 'WSOP' }],
    ['inner spaces kept', '/mnt/nas/Main Event /x.mp4', { root: 'media', path: 'Main Event /x.mp4' }],
  ];

  it.each(ok)('%s: %j', (_name, input, expected) => {
    expect(toRootRelative(input, roots, prefixes)).toEqual(expected);
  });
});

describe('toRootRelative: rejected forms', () => {
  const rejected: Array<[string, string, PathFormErrorCode]> = [
    // outside every root
    ['/etc/passwd', '/etc/passwd', 'outside_roots'],
    ['a sibling sharing a string prefix', '/mnt/nas2x/x.mp4', 'outside_roots'],
    ['a shorter sibling', '/mnt/na/x.mp4', 'outside_roots'],
    ['the parent of a root', '/mnt', 'outside_roots'],
    ['the file system root', '/', 'outside_roots'],
    ['evil UNC', '\\\\evil\\share\\x', 'outside_roots'],
    ['evil UNC with four backslashes', '\\\\\\\\evil\\\\share\\\\x', 'outside_roots'],
    ['evil UNC, forward slashes', '//evil/share/x', 'outside_roots'],
    ['unmapped share on a known host', '\\\\nas01\\other\\x', 'outside_roots'],
    ['known host without a share', '\\\\nas01', 'outside_roots'],
    ['evil smb host', 'smb://evil/poker/x', 'outside_roots'],
    ['file:///etc/passwd', 'file:///etc/passwd', 'outside_roots'],
    ['file:// on another host', 'file://evil/share/x', 'outside_roots'],
    ['unmapped drive', 'C:\\Windows\\System32', 'outside_roots'],
    ['the mount point of another app', '/Volumes/other/x', 'outside_roots'],
    // traversal
    ['.. above the root', '/mnt/nas/..', 'traversal'],
    ['.. to /etc', '/mnt/nas/../../etc/passwd', 'traversal'],
    ['.. after a folder', '/mnt/nas/WSOP/../../x', 'traversal'],
    ['.. into the neighbouring root', '/mnt/nas/../nas2/x.mp4', 'traversal'],
    ['.. in UNC', '\\\\nas01\\poker\\..\\other\\x', 'traversal'],
    ['.. in smb://', 'smb://nas01/poker/../../etc/passwd', 'traversal'],
    ['encoded .. in smb://', 'smb://nas01/poker/%2e%2e/%2E%2E/etc/passwd', 'traversal'],
    ['encoded ../ in smb://', 'smb://nas01/poker/..%2f..%2fetc', 'traversal'],
    ['encoded ..\\ in smb://', 'smb://nas01/poker/..%5c..%5cetc', 'traversal'],
    ['.. in file:///', 'file:///mnt/nas/../../etc/passwd', 'traversal'],
    ['.. above a drive', 'Z:\\..\\x', 'traversal'],
    ['.. above a folder prefix', 'Y:\\..\\secret', 'traversal'],
    ['relative ..', '../x.mp4', 'traversal'],
    ['relative .. from one root into another', 'media/../archive/x.mp4', 'traversal'],
    ['relative .. above a root name', 'media/WSOP/../../../etc', 'traversal'],
    // unreadable
    ['NUL byte', '/mnt/nas/x\u0000.mp4', 'unrecognized'],
    ['NUL byte in a relative path', 'media/x\u0000/../../etc', 'unrecognized'],
    ['encoded NUL in smb://', 'smb://nas01/poker/x%00.mp4', 'unrecognized'],
    ['encoded NUL in file://', 'file:///mnt/nas/x%00.mp4', 'unrecognized'],
    ['newline inside', '/mnt/nas/a\nb', 'unrecognized'],
    ['http link', 'https://drive.google.com/drive/folders/abc', 'unrecognized'],
    ['smb:// without a host', 'smb:///poker/x', 'unrecognized'],
    ['UNC without a host', '\\\\', 'unrecognized'],
    ['Win32 device path', '\\\\.\\PhysicalDrive0', 'unrecognized'],
    ['relative without a root name (several roots)', 'WSOP/2024/x.mp4', 'unrecognized'],
    // empty
    ['empty', '', 'empty'],
    ['whitespace', '  \t ', 'empty'],
    ['empty quotes', '""', 'empty'],
    ['quoted whitespace', "' '", 'empty'],
    ['zero-width space', '\u200b', 'empty'],
    ['only dots and slashes (relative)', './', 'empty'],
  ];

  it.each(rejected)('%s: %j', (_name, input, code) => {
    const result = toRootRelative(input, roots, prefixes);
    expect(result).toEqual({ error: code, detail: expect.any(String) });
  });

  it('refuses inputs longer than PATH_MAX', () => {
    expect(toRootRelative(`/mnt/nas/${'a/'.repeat(3000)}`, roots, prefixes)).toEqual({
      error: 'unrecognized',
      detail: 'longer than 4096 characters',
    });
  });

  it('explains where a path falls outside', () => {
    expect(toRootRelative('/etc/passwd', roots, prefixes)).toEqual({
      error: 'outside_roots',
      detail: expect.stringContaining('media, archive'),
    });
  });

  it('escapes control characters in the detail', () => {
    const result = toRootRelative('/mnt/nas/x\u0000y', roots, prefixes);
    expect(result).toEqual({ error: 'unrecognized', detail: expect.stringContaining('\\u0000') });
  });

  it('does not echo a huge input back whole', () => {
    const result = toRootRelative(`/etc/${'x'.repeat(4000)}`, roots, prefixes);
    expect('detail' in result && result.detail.length).toBeLessThan(300);
  });

  it.each([null, undefined, 42, {}])('does not throw on the non-string %p', (input) => {
    expect(toRootRelative(input as unknown as string, roots, prefixes)).toEqual({
      error: 'unrecognized',
      detail: expect.any(String),
    });
  });
});

describe('toRootRelative: a single root', () => {
  it.each([
    ['relative to the root', 'WSOP/2024/x.mp4', { root: 'media', path: 'WSOP/2024/x.mp4' }],
    ['relative with ./', './WSOP/x.mp4', { root: 'media', path: 'WSOP/x.mp4' }],
    ['relative with backslashes', 'WSOP\\2024\\', { root: 'media', path: 'WSOP/2024' }],
    ['relative with .. inside', 'WSOP/2024/../2023/x.mp4', { root: 'media', path: 'WSOP/2023/x.mp4' }],
    ['a leading root name is the root', 'media/WSOP', { root: 'media', path: 'WSOP' }],
    ['absolute', '/mnt/nas/WSOP', { root: 'media', path: 'WSOP' }],
  ])('%s: %j', (_name, input, expected) => {
    expect(toRootRelative(input, single, singlePrefixes)).toEqual(expected);
  });

  it.each([
    ['relative .. above', '../etc/passwd', 'traversal'],
    ['relative .. above after a folder', 'WSOP/../../etc', 'traversal'],
    ['the longer sibling', '/mnt/nas2/x.mp4', 'outside_roots'],
    ['UNC without prefixes', '\\\\nas01\\poker\\x', 'outside_roots'],
  ])('%s: %j', (_name, input, code) => {
    expect(toRootRelative(input, single, singlePrefixes)).toEqual({ error: code, detail: expect.any(String) });
  });
});

describe('toRootRelative: prefixes', () => {
  it('accepts each root path with no prefixes passed at all', () => {
    expect(toRootRelative('/mnt/nas2/x.mp4', roots, [])).toEqual({ root: 'archive', path: 'x.mp4' });
  });

  it('still accepts root paths when other prefixes are configured', () => {
    const onlyUnc = parsePathPrefixes('\\\\nas01\\poker=media', roots);
    expect(toRootRelative('/mnt/nas/x.mp4', roots, onlyUnc)).toEqual({ root: 'media', path: 'x.mp4' });
    expect(toRootRelative('//nas01/poker/x.mp4', roots, onlyUnc)).toEqual({ root: 'media', path: 'x.mp4' });
  });

  it('prefers the longest prefix', () => {
    const nested = parsePathPrefixes('\\\\nas01\\poker=media,\\\\nas01\\poker\\old=archive', roots);
    expect(toRootRelative('\\\\nas01\\poker\\old\\x.mp4', roots, nested)).toEqual({ root: 'archive', path: 'x.mp4' });
    expect(toRootRelative('\\\\nas01\\poker\\older\\x.mp4', roots, nested)).toEqual({
      root: 'media',
      path: 'older/x.mp4',
    });
    // `..` may not climb from the longer prefix into the shorter one
    expect(toRootRelative('\\\\nas01\\poker\\old\\..\\x.mp4', roots, nested)).toMatchObject({ error: 'traversal' });
  });

  it('ignores prefixes for roots that are not configured', () => {
    const stray = parsePathPrefixes('\\\\nas01\\archive=archive', roots);
    expect(toRootRelative('\\\\nas01\\archive\\x', single, stray)).toMatchObject({ error: 'outside_roots' });
  });

  it('matches a root path in NFD (as macOS writes it) from NFC input', () => {
    const korean = parseNasRoots(`kr=/Volumes/${'포커'.normalize('NFD')}`);
    expect(toRootRelative('/Volumes/포커/x.mp4', korean, [])).toEqual({ root: 'kr', path: 'x.mp4' });
  });

  describe('roots that differ only in case', () => {
    const cased = parseNasRoots('upper=/mnt/Media,lower=/mnt/media');

    it.each([
      ['/mnt/Media/x', { root: 'upper', path: 'x' }],
      ['/mnt/media/x', { root: 'lower', path: 'x' }],
    ])('the exact case wins: %s', (input, expected) => {
      expect(toRootRelative(input, cased, [])).toEqual(expected);
    });

    it('refuses to guess for a third spelling', () => {
      expect(toRootRelative('/mnt/MEDIA/x', cased, [])).toMatchObject({ error: 'unrecognized' });
    });
  });

  it('with no roots, nothing is inside', () => {
    expect(toRootRelative('/mnt/nas/x', [], [])).toMatchObject({ error: 'outside_roots' });
  });
});

describe('resolveBelow', () => {
  it.each([
    [[], ['a', 'b'], ['a', 'b']],
    [[], ['a', '..', 'b'], ['b']],
    [['x'], ['a', '.', '', 'b', '..'], ['x', 'a']],
    [[], ['..'], undefined],
    [['x'], ['..'], undefined],
    [['x'], ['a', '..', '..'], undefined],
  ])('%j + %j → %j', (base, segments, expected) => {
    expect(resolveBelow(base, segments)).toEqual(expected);
  });
});
