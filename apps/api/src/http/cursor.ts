import { ApiError } from './api-error';

/**
 * Opaque cursors: base64url of JSON `{k: scope, v: position}`. The scope
 * ties a cursor to the query it came from, so a cursor passed to another
 * query is refused instead of silently skipping rows.
 */
export function encodeCursor(scope: string, position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ k: scope, v: position }), 'utf8').toString('base64url');
}

export function decodeCursor(scope: string, cursor: string | undefined): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('invalid_request', 'cursor: not a cursor of this API');
  }
  const value = parsed as { k?: unknown; v?: unknown };
  if (typeof value !== 'object' || value === null || value.k !== scope || !Array.isArray(value.v))
    throw new ApiError('invalid_request', 'cursor: belongs to another query');
  return value.v;
}

/** A page of `limit` from `limit + 1` fetched rows, and the cursor after its last row. */
export function page<T>(
  rows: T[],
  limit: number,
  scope: string,
  position: (row: T) => unknown[],
): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(scope, position(last)) : null,
  };
}

type CursorType = 'string' | 'number' | 'string|null' | 'number|null';

const matches = (value: unknown, type: CursorType): boolean =>
  value === null ? type.endsWith('|null') : typeof value === type.replace('|null', '');

/** The cursor's values, checked to be of the types expected (a tampered cursor is a 400, not a 500). */
export function cursorValues<T extends unknown[]>(values: unknown[] | null, types: readonly CursorType[]): T | null {
  if (values === null) return null;
  const ok = values.length === types.length && values.every((v, i) => matches(v, types[i]));
  if (!ok) throw new ApiError('invalid_request', 'cursor: not a cursor of this query');
  return values as T;
}
