import type { sheets_v4 } from '@googleapis/sheets';
import type { RawTab } from '../hand-log/parse-hand-log';
import { SourceConfigurationError, httpStatus, isTransient } from '../quota/source-errors';
import type { SourceRequests } from '../quota/source-requests';
import type { GoogleApis } from './google-apis';
import type { SheetSource, SourceRead } from './sheet-source';
import type { SourceSpec } from './source-spec';

type GoogleSpec = Extract<SourceSpec, { kind: 'google' }>;

/** A tab as an A1 range: the whole tab, name quoted. */
export function a1Tab(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** Sheet row number where a returned range starts: `'Day 1'!A3:F10` → 3. */
export function firstRowOf(range: string | null | undefined): number {
  const match = /!\$?[A-Za-z]*\$?(\d+)/.exec(range ?? '');
  return match ? Number(match[1]) : 1;
}

/**
 * A Google Sheet read through the Sheets API: the tab titles
 * (`spreadsheets.get`, only when no tab is configured), then every wanted
 * tab in ONE `values.batchGet`. Its change token is Drive's `version` and
 * `modifiedTime` (`files.get`), which move on every edit.
 */
export class GoogleSheetSource implements SheetSource {
  readonly id: string;

  constructor(
    readonly spec: GoogleSpec,
    private readonly apis: GoogleApis,
    private readonly requests: SourceRequests,
  ) {
    this.id = spec.id;
  }

  async changeToken(): Promise<string> {
    const file = await this.explained(() =>
      this.requests.call('drive files.get', this.apis.driveLimiter, () =>
        this.apis.drive.files.get({
          fileId: this.spec.spreadsheetId,
          fields: 'version,modifiedTime',
          supportsAllDrives: true,
        }),
      ),
    );
    return `${file.data.version ?? ''}@${file.data.modifiedTime ?? ''}`;
  }

  async read(): Promise<SourceRead> {
    const titles = this.spec.tab !== null ? [this.spec.tab] : await this.tabTitles();
    if (titles.length === 0) return { tabs: [], unread: [] };
    const response = await this.explained(() =>
      this.requests.call('values.batchGet', this.apis.sheetsLimiter, () =>
        this.apis.sheets.spreadsheets.values.batchGet({
          spreadsheetId: this.spec.spreadsheetId,
          ranges: titles.map(a1Tab),
          majorDimension: 'ROWS',
          valueRenderOption: 'FORMATTED_VALUE',
        }),
      ),
    );
    const ranges = response.data.valueRanges ?? [];
    const tabs: RawTab[] = titles.map((name, i) => {
      const range = ranges[i];
      return { name, rows: cellRows(range?.values), firstRow: firstRowOf(range?.range) };
    });
    return { tabs, unread: [] };
  }

  /** Grid tabs only (charts and data-source tabs have no cells to read). */
  private async tabTitles(): Promise<string[]> {
    const response = await this.explained(() =>
      this.requests.call('spreadsheets.get', this.apis.sheetsLimiter, () =>
        this.apis.sheets.spreadsheets.get({
          spreadsheetId: this.spec.spreadsheetId,
          fields: 'sheets.properties(title,sheetType)',
        }),
      ),
    );
    return (response.data.sheets ?? [])
      .map((s) => s.properties)
      .filter((p): p is sheets_v4.Schema$SheetProperties => !!p && (p.sheetType ?? 'GRID') === 'GRID')
      .map((p) => p.title ?? '')
      .filter(Boolean);
  }

  /** Turns Google's permanent refusals into messages an operator can act on. */
  private async explained<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isTransient(error)) throw error;
      const status = httpStatus(error);
      const sheet = `spreadsheet ${this.spec.spreadsheetId}`;
      if (status === 404)
        throw new SourceConfigurationError(`${sheet} not found (or not shared with ${this.apis.account})`);
      if (status === 403)
        throw new SourceConfigurationError(`${sheet}: permission denied; share it with ${this.apis.account}`);
      if (status === 400 && this.spec.tab !== null) {
        throw new SourceConfigurationError(`${sheet} has no readable tab "${this.spec.tab}"`);
      }
      if (status === 401) throw new SourceConfigurationError(`${sheet}: the service account was refused (HTTP 401)`);
      throw error;
    }
  }
}

function cellRows(values: unknown[][] | null | undefined): string[][] {
  return (values ?? []).map((row) =>
    (row ?? []).map((cell) => (cell === null || cell === undefined ? '' : String(cell))),
  );
}
