import {
  DEFAULT_VIDEO_EXTENSIONS,
  LookupKeys,
  LookupKeysErrorCode,
  isVideoFileName,
  lookupKeys,
  sameFileName,
} from './file-candidates';
import { parseNasRoots } from '@pokervod/nas-roots';
import { parsePathPrefixes } from './nas-roots';
import { RootRelativePath, isPathFormError, toRootRelative } from './path-forms';

const NFC_EVENT = '메인이벤트';
const NFD_EVENT = NFC_EVENT.normalize('NFD');

const at = (path: string): RootRelativePath => ({ root: 'media', path });

describe('lookupKeys', () => {
  const ok: Array<[string, RootRelativePath, string | undefined, Partial<LookupKeys>]> = [
    [
      'a link to the file itself',
      at('WSOP/2024/Day1.mp4'),
      undefined,
      {
        root: 'media',
        path: 'WSOP/2024/Day1.mp4',
        pathKey: 'wsop/2024/day1.mp4',
        fileName: 'Day1.mp4',
        fileNameKey: 'day1.mp4',
        hasVideoExtension: true,
      },
    ],
    ['an upper-case extension', at('WSOP/Day1.MP4'), undefined, { path: 'WSOP/Day1.MP4', fileNameKey: 'day1.mp4' }],
    ['an MXF file', at('a/b.mxf'), undefined, { path: 'a/b.mxf' }],
    ['a transport stream', at('a/b.ts'), undefined, { path: 'a/b.ts' }],
    ['a folder plus a file name', at('WSOP/2024'), 'Day1.mp4', { path: 'WSOP/2024/Day1.mp4', fileName: 'Day1.mp4' }],
    ['the root plus a file name', at(''), 'x.mov', { path: 'x.mov', pathKey: 'x.mov' }],
    ['a quoted file name', at('WSOP'), ' "Day1.mp4" ', { path: 'WSOP/Day1.mp4' }],
    ['a file name with %20', at('WSOP'), 'Main%20Event.mp4', { path: 'WSOP/Main Event.mp4' }],
    ['a file name with inner spaces', at('WSOP'), 'Main Event Day 1.mp4', { path: 'WSOP/Main Event Day 1.mp4' }],
    ['a file name with a sub-folder', at('WSOP'), '2024/Day1.mp4', { path: 'WSOP/2024/Day1.mp4' }],
    ['a file name with a backslash sub-folder', at('WSOP'), '2024\\Day1.mp4', { path: 'WSOP/2024/Day1.mp4' }],
    ['a file name with .. staying in the root', at('WSOP/2024'), '../2023/x.mp4', { path: 'WSOP/2023/x.mp4' }],
    ['a file name with ./', at('WSOP'), './x.mp4', { path: 'WSOP/x.mp4' }],
    ['a file name without extension', at('WSOP'), 'Day1', { path: 'WSOP/Day1', hasVideoExtension: false }],
    [
      'a file name with another extension',
      at('WSOP'),
      'notes.txt',
      { path: 'WSOP/notes.txt', hasVideoExtension: false },
    ],
    [
      'a Korean NFD file name keeps its form; its keys are NFC',
      at('WSOP'),
      `${NFD_EVENT}.mp4`,
      { path: `WSOP/${NFD_EVENT}.mp4`, pathKey: `wsop/${NFC_EVENT}.mp4`, fileNameKey: `${NFC_EVENT}.mp4` },
    ],
    [
      'a Korean NFC folder link',
      at(`${NFC_EVENT}/Day1.MP4`),
      undefined,
      { pathKey: `${NFC_EVENT}/day1.mp4`, fileNameKey: 'day1.mp4' },
    ],
    [
      'a link to a file wins over a different file name',
      at('WSOP/Day1.mp4'),
      'Day2.mp4',
      { path: 'WSOP/Day1.mp4', ignoredFileName: 'Day2.mp4' },
    ],
    ['a link to a file and the same name', at('WSOP/Day1.mp4'), 'DAY1.MP4', { path: 'WSOP/Day1.mp4' }],
    [
      'a link to a file and the same name in NFD',
      at(`WSOP/${NFC_EVENT}.mp4`),
      `${NFD_EVENT}.mp4`,
      { path: `WSOP/${NFC_EVENT}.mp4` },
    ],
    ['a folder named like a non-video file', at('WSOP/2024.backup'), 'x.mp4', { path: 'WSOP/2024.backup/x.mp4' }],
  ];

  it.each(ok)('%s', (_name, target, fileName, expected) => {
    const result = lookupKeys(target, fileName);
    expect(result).toMatchObject(expected);
    if (!('ignoredFileName' in expected)) expect(result).not.toHaveProperty('ignoredFileName');
  });

  const rejected: Array<[string, RootRelativePath, string | undefined, LookupKeysErrorCode]> = [
    ['a folder without a file name', at('WSOP/2024'), undefined, 'no_file_name'],
    ['a folder with a blank file name', at('WSOP/2024'), '   ', 'no_file_name'],
    ['a folder with empty quotes', at('WSOP/2024'), '""', 'no_file_name'],
    ['the root without a file name', at(''), undefined, 'no_file_name'],
    ['a file name climbing above the root', at('WSOP'), '../../etc/passwd', 'traversal'],
    ['a file name climbing above the root from the root', at(''), '../x.mp4', 'traversal'],
    ['a file name that is ..', at('WSOP'), '..', 'invalid_file_name'],
    ['a file name that is .', at('WSOP'), '.', 'invalid_file_name'],
    ['a file name that is a slash', at('WSOP'), '/', 'invalid_file_name'],
    ['an absolute file name', at('WSOP'), '/etc/passwd', 'invalid_file_name'],
    ['a UNC file name', at('WSOP'), '\\\\evil\\share\\x.mp4', 'invalid_file_name'],
    ['a drive file name', at('WSOP'), 'C:\\x.mp4', 'invalid_file_name'],
    ['a URL file name', at('WSOP'), 'smb://evil/share/x.mp4', 'invalid_file_name'],
    ['a NUL byte in the file name', at('WSOP'), 'x\u0000.mp4', 'invalid_file_name'],
    ['a newline in the file name', at('WSOP'), 'x\n.mp4', 'invalid_file_name'],
    ['a target that climbs (not from toRootRelative)', at('../etc'), 'passwd', 'traversal'],
  ];

  it.each(rejected)('rejects %s', (_name, target, fileName, code) => {
    expect(lookupKeys(target, fileName)).toEqual({ error: code, detail: expect.any(String) });
  });

  it('uses the extensions it is given', () => {
    expect(lookupKeys(at('a/b.mxf'), 'c.mp4', ['.MXF'])).toMatchObject({ path: 'a/b.mxf' });
    expect(lookupKeys(at('a/b.mp4'), 'c.mp4', ['mxf'])).toMatchObject({ path: 'a/b.mp4/c.mp4' });
  });

  describe('after toRootRelative', () => {
    const roots = parseNasRoots('media=/mnt/nas,archive=/mnt/nas2');
    const prefixes = parsePathPrefixes('\\\\nas01\\poker=media', roots);
    const keysFor = (link: string, name?: string) => {
      const target = toRootRelative(link, roots, prefixes);
      if (isPathFormError(target)) throw new Error(target.detail);
      return lookupKeys(target, name);
    };

    it.each([
      ['a folder link with a trailing slash', '/mnt/nas/WSOP/2024/', 'Day1.mp4', 'WSOP/2024/Day1.mp4'],
      ['a UNC folder link with a trailing backslash', '\\\\NAS01\\poker\\WSOP\\', 'Day1.mp4', 'WSOP/Day1.mp4'],
      ['a smb:// folder link', 'smb://nas01/poker/WSOP', 'Day1.mp4', 'WSOP/Day1.mp4'],
      ['a link to the root', 'media/', 'x.mp4', 'x.mp4'],
      ['a full file link', 'smb://nas01/poker/WSOP/Main%20Event.mp4', undefined, 'WSOP/Main Event.mp4'],
      ['a folder link with ..', '/mnt/nas2/a/b/..', '../c/x.mp4', 'c/x.mp4'],
    ])('%s', (_name, link, name, path) => {
      expect(keysFor(link, name)).toMatchObject({ path });
    });

    it('keeps the file name from climbing out of the root', () => {
      expect(keysFor('/mnt/nas/WSOP', '../../nas2/x.mp4')).toMatchObject({ error: 'traversal' });
    });
  });
});

describe('isVideoFileName', () => {
  it.each([
    ['x.mp4', true],
    ['X.MOV', true],
    ['a.b.mkv', true],
    ['clip.m4v', true],
    ['stream.MTS', true],
    ['x.avi', true],
    ['x.mp4.part', false],
    ['x.txt', false],
    ['mp4', false],
    ['.mp4', false],
    ['x.', false],
    ['', false],
  ])('%j → %p', (name, expected) => {
    expect(isVideoFileName(name)).toBe(expected);
  });

  it('covers the default extensions', () => {
    expect([...DEFAULT_VIDEO_EXTENSIONS].sort()).toEqual(['avi', 'm4v', 'mkv', 'mov', 'mp4', 'mts', 'mxf', 'ts']);
  });
});

describe('sameFileName', () => {
  it.each([
    ['Korean NFC vs NFD', `${NFC_EVENT}.mp4`, `${NFD_EVENT}.mp4`, true],
    ['Korean NFD vs NFD', `${NFD_EVENT}.mp4`, `${NFD_EVENT}.mp4`, true],
    ['Korean NFD vs NFC, extension case differs', `${NFD_EVENT}.MP4`, `${NFC_EVENT}.mp4`, true],
    ['Latin composed vs decomposed', 'Caf\u00e9.mov', 'Cafe\u0301.mov', true],
    ['case', 'WSOP_Day1.MP4', 'wsop_day1.mp4', true],
    ['different names', 'Day1.mp4', 'Day2.mp4', false],
    ['different Korean names', `${NFC_EVENT}.mp4`, '메인.mp4', false],
    ['different extensions', 'Day1.mp4', 'Day1.mov', false],
    ['a space matters', 'Day 1.mp4', 'Day1.mp4', false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameFileName(a, b)).toBe(expected);
    expect(sameFileName(b, a)).toBe(expected);
  });
});
