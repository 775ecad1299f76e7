import { controlCharProblem, preview } from '@pokervod/nas-roots';

/**
 * Turns one path-like string, as an editor copied it into a sheet, into a
 * canonical {@link Location}: which form it was (POSIX, UNC / smb://, Windows
 * drive, relative), its anchor (host or drive letter) and its segments.
 *
 * Pure string work: nothing here touches the file system, and nothing here
 * decides which NAS root a location belongs to (see `path-forms.ts`).
 */

/** Longer inputs are refused outright (PATH_MAX on Linux is 4096). */
export const MAX_INPUT_LENGTH = 4096;

export type LocationKind = 'posix' | 'unc' | 'drive' | 'relative';

export interface Location {
  readonly kind: LocationKind;
  /** `unc`: the host, lower-cased. `drive`: the drive letter and colon, lower-cased (`z:`). Otherwise `''`. */
  readonly anchor: string;
  /** Segments after the anchor (for `unc` the share comes first), without `''` or `.`; `..` is kept. */
  readonly segments: readonly string[];
  /**
   * Only for a plain `//a/b` path (no scheme): the segments of the POSIX path
   * `/a/b` it would be on Linux, tried when no UNC prefix matches.
   */
  readonly posixSegments?: readonly string[];
}

export interface LocationError {
  readonly error: 'empty' | 'unrecognized';
  readonly detail: string;
}

export function isLocationError(value: Location | LocationError): value is LocationError {
  return 'error' in value;
}

/** Whitespace (incl. NBSP, BOM) and zero-width characters a copy from a sheet may carry at either end. */
const EDGE_JUNK = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g;

/** Opening → closing characters of a quoted value ("straight", “curly”, ‘single’, «guillemets», <angle>). */
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u201d', '\u201d'],
  ['\u201c', '\u201c'],
  ['\u2018', '\u2019'],
  ['\u2019', '\u2019'],
  ['\u00ab', '\u00bb'],
  ['\u300c', '\u300d'],
  ['\u300e', '\u300f'],
  ['<', '>'],
];

/**
 * Strips surrounding whitespace, zero-width characters and matching quotes
 * (repeatedly: `" 'x' "` → `x`). Inner text is left alone.
 */
export function cleanSheetValue(raw: string): string {
  let value = raw.replace(EDGE_JUNK, '');
  for (let i = 0; i < 4; i++) {
    const pair = QUOTE_PAIRS.find(
      ([open, close]) => value.length >= 2 && value.startsWith(open) && value.endsWith(close),
    );
    if (!pair) break;
    value = value.slice(pair[0].length, value.length - pair[1].length).replace(EDGE_JUNK, '');
  }
  return value;
}

/** Key for case- and Unicode-form-insensitive comparison: NFC, then lower case. */
export function pathKey(value: string): string {
  return value.normalize('NFC').toLowerCase().normalize('NFC');
}

/**
 * Decodes `%XX` escapes. A run of escapes that is not valid UTF-8 stays as
 * written (literal text, so it can never turn into a separator or `..`).
 */
export function percentDecode(value: string): string {
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Splits on `/` (callers turn `\` into `/` first), dropping empty and `.` segments. */
export function splitSegments(value: string): string[] {
  return value.split('/').filter((s) => s !== '' && s !== '.');
}

const unrecognized = (detail: string): LocationError => ({ error: 'unrecognized', detail });

/** `scheme:` followed by a slash or backslash; the scheme has 2+ characters so `Z:\` is no scheme. */
const URL_FORM = /^([A-Za-z][A-Za-z0-9+.-]+):([/\\].*)$/s;
const DRIVE_FORM = /^([A-Za-z]):(.*)$/s;
/** Win32 device / long-path prefixes: `\\?\`, `\\.\` (already turned into slashes). */
const WIN32_NAMESPACE = /^\/\/[?.]\/(.*)$/s;

/**
 * Parses one cleaned-or-not value into a {@link Location}.
 *
 * - `smb://[user@]host[:port]/share/a` and `file://host/share/a` → `unc` (percent-decoded).
 * - `\\host\share\a`, `//host/share/a`, `\\?\UNC\host\share\a` → `unc`.
 * - `file:///abs`, `file://localhost/abs`, `/abs` → `posix`; `file:///C:/x` → `drive`.
 * - `Z:\a`, `Z:/a`, `Z:a`, `\\?\Z:\a` → `drive`.
 * - anything else without a scheme → `relative`.
 *
 * Backslashes are always separators (sheets mix both); a plain path decodes
 * only `%20` (a `%` is legal in a file name), URLs decode every escape.
 */
export function parseLocation(raw: string): Location | LocationError {
  if (typeof raw !== 'string') return unrecognized('not a string');
  if (raw.length > MAX_INPUT_LENGTH) return unrecognized(`longer than ${MAX_INPUT_LENGTH} characters`);
  const value = cleanSheetValue(raw);
  if (value === '') return { error: 'empty', detail: 'no path given' };

  const url = URL_FORM.exec(value);
  if (url) {
    const scheme = url[1].toLowerCase();
    const rest = percentDecode(url[2]).replace(/\\/g, '/');
    const bad = controlCharProblem(rest);
    if (bad) return unrecognized(`${preview(value)} ${bad}`);
    if (scheme === 'smb') return parseSmbUrl(rest, value);
    if (scheme === 'file') return parseFileUrl(rest, value);
    return unrecognized(`${preview(value)}: unsupported URL scheme "${scheme}:" (use a NAS path, smb:// or file://)`);
  }
  if (/^file:/i.test(value)) {
    // `file:C:/x` and similar: what follows is a plain path.
    return parsePlain(percentDecode(value.slice(5)), value);
  }
  return parsePlain(value.replace(/%20/gi, ' '), value);
}

/** `rest` is everything after `smb:`, slashes normalized and decoded. */
function parseSmbUrl(rest: string, original: string): Location | LocationError {
  const body = rest.startsWith('//') ? rest.slice(2) : rest.slice(1);
  const slash = body.indexOf('/');
  const authority = slash === -1 ? body : body.slice(0, slash);
  const host = hostOf(authority);
  if (host === '') return unrecognized(`${preview(original)}: smb:// URL without a host`);
  return { kind: 'unc', anchor: host, segments: slash === -1 ? [] : splitSegments(body.slice(slash + 1)) };
}

/** `rest` is everything after `file:`, slashes normalized and decoded; it starts with `/`. */
function parseFileUrl(rest: string, original: string): Location | LocationError {
  if (!rest.startsWith('//')) return parsePlain(rest, original); // file:/abs
  const afterSlashes = rest.slice(2);
  if (afterSlashes.startsWith('/')) {
    // file:///abs, file:///C:/x, file:////host/share (an empty authority, then the path)
    const pathPart = /^\/[A-Za-z]:(\/|$)/.test(afterSlashes) ? afterSlashes.slice(1) : afterSlashes;
    return parsePlain(pathPart, original);
  }
  const slash = afterSlashes.indexOf('/');
  const authority = slash === -1 ? afterSlashes : afterSlashes.slice(0, slash);
  const pathPart = slash === -1 ? '' : afterSlashes.slice(slash);
  const host = hostOf(authority);
  if (host === '' || host === 'localhost') return parsePlain(pathPart === '' ? '/' : pathPart, original);
  return { kind: 'unc', anchor: host, segments: splitSegments(pathPart) };
}

/** Host of a URL authority: user info and port dropped, lower-cased. */
function hostOf(authority: string): string {
  const at = authority.lastIndexOf('@');
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  return hostPort.replace(/:\d*$/, '').normalize('NFC').toLowerCase();
}

function parsePlain(input: string, original: string): Location | LocationError {
  const bad = controlCharProblem(input);
  if (bad) return unrecognized(`${preview(original)} ${bad}`);
  let value = input.replace(/\\/g, '/');

  const ns = WIN32_NAMESPACE.exec(value);
  if (ns) {
    const inner = ns[1];
    if (/^unc(\/|$)/i.test(inner)) value = `//${inner.slice(3)}`;
    else if (DRIVE_FORM.test(inner)) value = inner;
    else return unrecognized(`${preview(original)}: unsupported Win32 device path`);
  }

  const drive = DRIVE_FORM.exec(value);
  if (drive) {
    return { kind: 'drive', anchor: `${drive[1].toLowerCase()}:`, segments: splitSegments(drive[2]) };
  }
  if (value.startsWith('//')) {
    const segments = splitSegments(value);
    if (segments.length === 0) return unrecognized(`${preview(original)}: UNC path without a host`);
    const [host, ...rest] = segments;
    if (host === '..') return unrecognized(`${preview(original)}: UNC path without a host`);
    return { kind: 'unc', anchor: host.normalize('NFC').toLowerCase(), segments: rest, posixSegments: segments };
  }
  if (value.startsWith('/')) return { kind: 'posix', anchor: '', segments: splitSegments(value) };
  return { kind: 'relative', anchor: '', segments: splitSegments(value) };
}
