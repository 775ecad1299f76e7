import * as path from 'node:path';

export type SourceSpec =
  | {
      kind: 'google';
      /** The sheet id in events and the store: `google:<spreadsheetId>` or `google:<spreadsheetId>#<tab>`. */
      id: string;
      spreadsheetId: string;
      /** One tab only; null: every tab. */
      tab: string | null;
    }
  | {
      kind: 'file';
      /** `file:<path>`, the path relative to the repo/home when inside it (so it is the same on every machine). */
      id: string;
      /** Absolute. */
      path: string;
      format: 'csv' | 'xlsx';
      /** One worksheet of an XLSX only; null: every worksheet. */
      tab: string | null;
    };

const SPREADSHEET_ID = /^[A-Za-z0-9_-]+$/;
const SHEETS_URL = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)/;

/**
 * `SHEETS_SOURCES`: a comma list of `google:<spreadsheetId>[#<tab>]` (or the
 * sheet's URL), `file:<path>.csv` and `file:<path>.xlsx[#<worksheet>]`.
 * Relative paths are resolved against `home`. A tab name may be
 * percent-encoded (`#Day%201`, `%2C` for a comma). Throws one error naming
 * every bad entry.
 */
export function parseSourceSpecs(text: string, home: string): SourceSpec[] {
  const problems: string[] = [];
  const specs: SourceSpec[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    try {
      specs.push(parseOne(entry, home));
    } catch (error) {
      problems.push(`"${entry}": ${(error as Error).message}`);
    }
  }
  const ids = new Set<string>();
  for (const spec of specs) {
    if (ids.has(spec.id)) problems.push(`"${spec.id}" is listed twice`);
    ids.add(spec.id);
  }
  if (specs.length === 0 && problems.length === 0) problems.push('no source given');
  if (problems.length > 0) throw new Error(problems.join('; '));
  return specs;
}

function parseOne(entry: string, home: string): SourceSpec {
  const colon = entry.indexOf(':');
  const kind = colon > 0 ? entry.slice(0, colon).toLowerCase() : '';
  const rest = entry.slice(colon + 1).trim();
  if (kind === 'google') return googleSpec(rest);
  if (kind === 'file') return fileSpec(rest, home);
  throw new Error('expected google:<spreadsheetId>[#<tab>], file:<path>.csv or file:<path>.xlsx');
}

function googleSpec(rest: string): SourceSpec {
  const url = SHEETS_URL.exec(rest);
  if (url) return { kind: 'google', id: `google:${url[1]}`, spreadsheetId: url[1] as string, tab: null };
  const hash = rest.indexOf('#');
  const spreadsheetId = hash >= 0 ? rest.slice(0, hash) : rest;
  if (!SPREADSHEET_ID.test(spreadsheetId)) throw new Error('a spreadsheet id has only letters, digits, - and _');
  const tab = hash >= 0 ? decodeTab(rest.slice(hash + 1)) : null;
  return { kind: 'google', id: `google:${spreadsheetId}${tab === null ? '' : `#${tab}`}`, spreadsheetId, tab };
}

function fileSpec(rest: string, home: string): SourceSpec {
  // A `#` belongs to the path (NAS folders have them) unless it follows `.xlsx`.
  const withTab = /^(.*\.xlsx)#(.+)$/i.exec(rest);
  const given = withTab ? (withTab[1] as string) : rest;
  const tab = withTab ? decodeTab(withTab[2] as string) : null;
  const ext = path.extname(given).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new Error('a file source must end in .csv or .xlsx');
  const absolute = path.resolve(home, given);
  const relative = path.relative(home, absolute);
  const stable = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  const id = `file:${stable.split(path.sep).join('/')}${tab === null ? '' : `#${tab}`}`;
  return { kind: 'file', id, path: absolute, format: ext === '.csv' ? 'csv' : 'xlsx', tab };
}

function decodeTab(text: string): string {
  let tab: string;
  try {
    tab = decodeURIComponent(text);
  } catch {
    throw new Error(`tab name "${text}" is badly percent-encoded`);
  }
  if (!tab.trim()) throw new Error('empty tab name after #');
  return tab;
}
