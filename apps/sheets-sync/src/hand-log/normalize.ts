import type { SheetRow } from '@pokervod/contracts';
import type { SheetColumn } from './columns';
import type { HeaderMap } from './header';

/** A cell as the hand log compares it: NFKC (full-width → ASCII, composed Hangul), trimmed, `\n` line ends. */
export function cellText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).normalize('NFKC').replace(/\r\n?/g, '\n').trim();
}

/** Editors separate tags with commas, slashes, `#`, line breaks (and `;`, `|`, `、`). */
const TAG_SEPARATORS = /[,/#\n;|、]+/;

/** Tags of one cell: split, trimmed, empties dropped, duplicates (ignoring case) dropped, first spelling kept. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of cellText(text).split(TAG_SEPARATORS)) {
    const tag = part.replace(/\s+/g, ' ').trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

const OPTIONAL_TEXT: readonly SheetColumn[] = ['hand_no', 'players', 'description', 'winner', 'pot', 'notes', 'id'];

/**
 * One data row under `header` as a SheetRow, or null for a row that holds
 * no hand (blank, or only extra columns) or repeats the header.
 */
export function toSheetRow(cells: readonly string[], header: HeaderMap): SheetRow | null {
  const values = new Map<SheetColumn, string>();
  for (const [index, column] of header.columns) values.set(column, cellText(cells[index]));
  if ([...values.values()].every((v) => v === '')) return null;
  if (repeatsHeader(values, header)) return null;

  const extra: Record<string, string> = {};
  for (const [index, name] of header.extra) {
    const value = cellText(cells[index]);
    if (value) extra[name] = value;
  }
  const text = (column: SheetColumn) => values.get(column) ?? '';
  const optional = (column: SheetColumn) => values.get(column) || null;
  const row: SheetRow = {
    file_name: text('file_name'),
    nas_folder_link: text('nas_folder_link'),
    in: text('in'),
    out: text('out'),
    tags: splitTags(text('tags')),
    hand_no: null,
    players: null,
    description: null,
    winner: null,
    pot: null,
    notes: null,
    id: null,
    extra,
  };
  for (const column of OPTIONAL_TEXT) (row as Record<SheetColumn, unknown>)[column] = optional(column);
  return row;
}

/** A header row copied again further down (tabs pasted together) is not a hand. */
function repeatsHeader(values: Map<SheetColumn, string>, header: HeaderMap): boolean {
  return (['file_name', 'in', 'out'] as const).every((c) => values.get(c) === header.titles.get(c));
}
