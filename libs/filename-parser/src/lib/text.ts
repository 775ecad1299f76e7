/** Splitting a NAS path into folders, file name and extension, and cleaning text for display. */

export interface SplitPath {
  /** Folder names, nearest to the file first; `.`, `..` and empty names are dropped. */
  readonly folders: readonly string[];
  readonly file: string;
}

// Most folders deeper than this are share roots or volume names; the cap also
// bounds the work on a pathological input made of thousands of separators.
const MAX_FOLDERS = 16;

/** NAS paths arrive from both Linux (`/`) and Windows (`\`) shares. */
export function splitPath(input: string): SplitPath {
  const parts = input.split(/[\\/]/);
  const file = (parts.pop() ?? '').trim();
  const folders: string[] = [];
  for (let i = parts.length - 1; i >= 0 && folders.length < MAX_FOLDERS; i--) {
    const folder = parts[i].trim();
    if (folder !== '' && folder !== '.' && folder !== '..') folders.push(folder);
  }
  return { folders, file };
}

const KNOWN_EXTENSIONS = new Set([
  // video
  'mp4', 'm4v', 'mov', 'mxf', 'mkv', 'avi', 'wmv', 'flv', 'webm', 'mpg', 'mpeg', 'm2ts', 'mts', 'm2t', 'ts',
  'vob', '3gp', 'ogv', 'dv', 'r3d', 'braw', 'ari', 'f4v', 'divx', 'xvid', 'rm', 'rmvb', 'asf', 'm2v',
  // audio, subtitles, stills and side files that sit beside the videos
  'mp3', 'wav', 'aac', 'm4a', 'flac', 'srt', 'vtt', 'ass', 'ssa', 'sub', 'jpg', 'jpeg', 'png', 'xml', 'json',
  'txt', 'nfo', 'csv', 'pdf', 'zip', 'rar', '7z', 'tmp', 'part', 'bak',
]); // prettier-ignore

export interface SplitExtension {
  readonly stem: string;
  readonly extension: string;
}

/**
 * Dots also separate words (`WPT.S22E03.Lucky.Hearts.FT.mxf`), so the last dot
 * only starts an extension when what follows is a known one, or — for a name
 * with a single dot — something short that is not itself a word the parser reads.
 */
export function splitExtension(file: string, isNameWord: (lowerCase: string) => boolean): SplitExtension {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return { stem: file, extension: '' };
  const extension = file.slice(dot + 1).toLowerCase();
  if (!/^[a-z0-9]{1,5}$/.test(extension)) return { stem: file, extension: '' };
  const known = KNOWN_EXTENSIONS.has(extension);
  const plausible =
    file.indexOf('.') === dot && extension.length <= 4 && /[a-z]/.test(extension) && !isNameWord(extension);
  return known || plausible ? { stem: file.slice(0, dot), extension } : { stem: file, extension: '' };
}

/** Counts letters and digits: the measure of "how much of the name" confidence uses. */
export function countWordChars(text: string): number {
  let count = 0;
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) count++;
  return count;
}

/**
 * Text shown to people and stored in Postgres: no control or format characters,
 * no lone surrogates (Postgres rejects them), single spaces, bounded length.
 */
export function cleanForDisplay(text: string, maxCodePoints = 160): string {
  const cleaned = text
    .replace(/\p{C}/gu, ' ')
    .replace(/[\s_]+/gu, ' ')
    .trim();
  const codePoints = Array.from(cleaned);
  return codePoints.length > maxCodePoints ? codePoints.slice(0, maxCodePoints).join('').trimEnd() : cleaned;
}
