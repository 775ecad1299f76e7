/** Small display helpers shared by the pages. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A Google sheet's source id (`google:<id>[#tab]`) → a link to the row; file sources have none. */
export function sheetRowUrl(sheetId: string, rowNumber: number | null, tab?: string | null): string | null {
  const google = /^google:(?:https:\/\/docs\.google\.com\/spreadsheets\/d\/)?([\w-]{10,})/.exec(sheetId);
  if (!google) return null;
  const base = `https://docs.google.com/spreadsheets/d/${google[1]}/edit`;
  if (!rowNumber) return base;
  const range = tab ? `'${tab.replace(/'/g, "''")}'!A${rowNumber}` : `A${rowNumber}`;
  return `${base}#range=${encodeURIComponent(range)}`;
}

/** `file:samples/hand-log/hand-log.csv` → `hand-log.csv`; `google:1AbC…#Tab` → `1AbC…`. */
export function sheetName(sheetId: string): string {
  const file = /^file:(.*)$/.exec(sheetId);
  if (file) return file[1].split(/[\\/]/).pop() ?? file[1];
  return sheetId.replace(/^google:/, '');
}
