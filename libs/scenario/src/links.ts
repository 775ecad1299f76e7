/**
 * Folder links in every form editors paste into a hand log (docs/nas-inventory.md,
 * `nas.match_file_path`), all meaning the same folder on the one NAS root.
 */
export type LinkForm =
  'unc' | 'unc-upper' | 'smb-raw' | 'smb-encoded' | 'file-unc' | 'file-posix' | 'drive' | 'posix' | 'root-relative';

export const LINK_FORMS: readonly LinkForm[] = [
  'unc',
  'unc-upper',
  'smb-raw',
  'smb-encoded',
  'file-unc',
  'file-posix',
  'drive',
  'posix',
  'root-relative',
];

export const NAS_HOST = 'nas01';
export const NAS_SHARE = 'poker';
export const MOUNT_POINT = '/Volumes/poker';
export const DRIVE = 'Z:';

/** NAS_PATH_PREFIXES for a root named `root`: the UNC share (also smb:// and file://host), the drive, the Mac mount. */
export function pathPrefixes(root: string): string {
  return [`\\\\${NAS_HOST}\\${NAS_SHARE}=${root}`, `${DRIVE}\\=${root}`, `${MOUNT_POINT}=${root}`].join(',');
}

const encode = (segments: readonly string[]) => segments.map((s) => encodeURIComponent(s)).join('/');

/** The folder `segments` (root-relative, NFC) written in `form`. */
export function folderLink(segments: readonly string[], form: LinkForm, root: string): string {
  switch (form) {
    case 'unc':
      return [`\\\\${NAS_HOST}\\${NAS_SHARE}`, ...segments].join('\\');
    case 'unc-upper':
      // Windows shows shares in any case; only the part below the share keeps its case.
      return [`\\\\${NAS_HOST.toUpperCase()}\\${NAS_SHARE.toUpperCase()}`, ...segments].join('\\') + '\\';
    case 'smb-raw':
      return `smb://${NAS_HOST}/${NAS_SHARE}/${segments.join('/')}`;
    case 'smb-encoded':
      return `smb://${NAS_HOST}/${NAS_SHARE}/${encode(segments)}`;
    case 'file-unc':
      return `file://${NAS_HOST}/${NAS_SHARE}/${encode(segments)}`;
    case 'file-posix':
      return `file://${MOUNT_POINT}/${encode(segments)}`;
    case 'drive':
      return [DRIVE, ...segments].join('\\');
    case 'posix':
      return `${MOUNT_POINT}/${segments.join('/')}/`;
    case 'root-relative':
      return `${root}/${segments.join('/')}`;
  }
}

/** A share the NAS roots do not cover (an old server): every link to it is unmatched. */
export function foreignLink(segments: readonly string[]): string {
  return ['\\\\oldnas\\archive', ...segments].join('\\');
}
