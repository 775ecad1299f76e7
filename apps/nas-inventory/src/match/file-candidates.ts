import { controlCharProblem, preview } from '@pokervod/nas-roots';
import { cleanSheetValue, pathKey, splitSegments } from './location';
import { RootRelativePath, resolveBelow } from './path-forms';

/** Video containers found on the NAS; `.ts`/`.mts` are MPEG transport streams. */
export const DEFAULT_VIDEO_EXTENSIONS: readonly string[] = ['mp4', 'mov', 'mxf', 'mkv', 'avi', 'm4v', 'ts', 'mts'];

/** What the repository queries, most specific first. */
export interface LookupKeys {
  readonly root: string;
  /** Exact root-relative path (POSIX, no leading slash), case and Unicode form as written. */
  readonly path: string;
  /** {@link pathKey} of `path` (NFC, lower case): match against the same key of inventory paths. */
  readonly pathKey: string;
  /** The last segment of `path`, as written. */
  readonly fileName: string;
  /** {@link pathKey} of `fileName`: the fallback when exactly one file under the root has that name. */
  readonly fileNameKey: string;
  /** Whether `fileName` ends in one of the video extensions (editors sometimes leave it off). */
  readonly hasVideoExtension: boolean;
  /** The file name given separately, when the folder link already named a (different) video file and won. */
  readonly ignoredFileName?: string;
}

export type LookupKeysErrorCode = 'no_file_name' | 'invalid_file_name' | 'traversal';

export interface LookupKeysError {
  readonly error: LookupKeysErrorCode;
  readonly detail: string;
}

export type LookupKeysResult = LookupKeys | LookupKeysError;

export function isLookupKeysError(value: LookupKeysResult): value is LookupKeysError {
  return 'error' in value;
}

/** Whether `name` ends in `.ext` for one of `extensions` (with or without their dot, any case). */
export function isVideoFileName(name: string, extensions: readonly string[] = DEFAULT_VIDEO_EXTENSIONS): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return false;
  const ext = name.slice(dot + 1).toLowerCase();
  return extensions.some((e) => e.replace(/^\./, '').toLowerCase() === ext);
}

/** Whether two file names are the same ignoring case and Unicode normalization (NFC vs NFD). */
export function sameFileName(a: string, b: string): boolean {
  return pathKey(a) === pathKey(b);
}

/** An absolute path, drive, UNC share or URL: not something to append to a folder. */
const ABSOLUTE_FORM = /^(?:[/\\]|[A-Za-z]:|[A-Za-z][A-Za-z0-9+.-]+:[/\\])/;

/**
 * The keys to look a sheet row's file up by. `target` is the folder link
 * mapped by `toRootRelative`. If it already ends in a video file name that
 * path is used; otherwise `fileName` is appended (it may be a short relative
 * path such as `Day1/x.mp4`; `..` in it may not climb above the root).
 */
export function lookupKeys(
  target: RootRelativePath,
  fileName?: string,
  videoExtensions: readonly string[] = DEFAULT_VIDEO_EXTENSIONS,
): LookupKeysResult {
  const folder = resolveBelow([], splitSegments(target.path.replace(/\\/g, '/')));
  if (folder === undefined) {
    return { error: 'traversal', detail: `${preview(target.path)} climbs above root "${target.root}"` };
  }
  const given = typeof fileName === 'string' ? cleanSheetValue(fileName) : '';
  const last = folder.at(-1);

  if (last !== undefined && isVideoFileName(last, videoExtensions)) {
    const ignored = given !== '' && !sameFileName(lastSegment(given), last) ? given : undefined;
    return keys(target.root, folder, videoExtensions, ignored);
  }

  if (given === '') {
    return { error: 'no_file_name', detail: `${preview(target.path)} is a folder and no file name was given` };
  }
  const bad = controlCharProblem(given);
  if (bad) return { error: 'invalid_file_name', detail: `file name ${preview(given)} ${bad}` };
  if (ABSOLUTE_FORM.test(given)) {
    return { error: 'invalid_file_name', detail: `file name ${preview(given)} is a path of its own, not a name` };
  }
  const nameSegments = splitSegments(given.replace(/%20/gi, ' ').replace(/\\/g, '/'));
  const own = nameSegments.at(-1);
  if (own === undefined || own === '..') {
    return { error: 'invalid_file_name', detail: `file name ${preview(given)} does not name a file` };
  }
  // The floor is the root, not the folder: `../2023/x.mp4` may leave the folder as long as it stays in the root.
  const joined = resolveBelow([], [...folder, ...nameSegments]);
  if (joined === undefined) {
    return { error: 'traversal', detail: `file name ${preview(given)} climbs above root "${target.root}"` };
  }
  return keys(target.root, joined, videoExtensions, undefined);
}

function lastSegment(value: string): string {
  return splitSegments(value.replace(/\\/g, '/')).at(-1) ?? value;
}

function keys(
  root: string,
  segments: readonly string[],
  videoExtensions: readonly string[],
  ignoredFileName: string | undefined,
): LookupKeys {
  const path = segments.join('/');
  const fileName = segments.at(-1) ?? '';
  return {
    root,
    path,
    pathKey: pathKey(path),
    fileName,
    fileNameKey: pathKey(fileName),
    hasVideoExtension: isVideoFileName(fileName, videoExtensions),
    ...(ignoredFileName === undefined ? {} : { ignoredFileName }),
  };
}
