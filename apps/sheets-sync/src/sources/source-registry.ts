import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { POKERVOD_HOME, SERVICE_CONFIG } from '@pokervod/service-kit';
import type { SheetsConfig } from '../sheets-sync.config';
import { SourceRequests } from '../quota/source-requests';
import { FileSheetSource } from './file-sheet-source';
import { GoogleApis, createGoogleApis } from './google-apis';
import { GoogleSheetSource } from './google-sheet-source';
import type { SheetSource } from './sheet-source';
import { parseSourceSpecs } from './source-spec';

/** The configured hand logs (`SHEETS_SOURCES`), each with its own breaker and the credential's rate limits. */
@Injectable()
export class SourceRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sources');
  readonly sources: readonly SheetSource[];
  private readonly requests = new Map<string, SourceRequests>();
  private google: GoogleApis | null = null;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: SheetsConfig) {
    const specs = parseSourceSpecs(config.SHEETS_SOURCES, POKERVOD_HOME);
    this.sources = specs.map((spec) => {
      const requests = new SourceRequests(
        spec.id,
        {
          maxAttempts: config.SHEETS_RETRY_MAX_ATTEMPTS,
          baseDelayMs: config.SHEETS_RETRY_BASE_MS,
          quotaWaitMs: config.SHEETS_QUOTA_WAIT_MS,
          timeoutMs: config.SHEETS_REQUEST_TIMEOUT_MS,
          breakerResetMs: config.SHEETS_BREAKER_RESET_MS,
        },
        this.logger,
      );
      this.requests.set(spec.id, requests);
      return spec.kind === 'google'
        ? new GoogleSheetSource(spec, this.googleApis(), requests)
        : new FileSheetSource(spec, requests);
    });
  }

  onApplicationBootstrap(): void {
    const described = this.sources.map((s) => s.id).join(', ');
    this.logger.log(`hand-log sources: ${described}`);
    if (this.google) this.logger.log(`Google sheets are read as ${this.google.account}`);
  }

  onApplicationShutdown(): void {
    for (const requests of this.requests.values()) requests.shutdown();
  }

  get(id: string): SheetSource | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /**
   * Sources a webhook or a request names: by sheet id (`google:…`, `file:…`),
   * or every source on a spreadsheet id (the Apps Script knows only that).
   */
  find(ref: { sheet_id?: string; spreadsheet_id?: string }): SheetSource[] {
    if (ref.sheet_id) {
      const exact = this.get(ref.sheet_id);
      if (exact) return [exact];
      // A bare spreadsheet id given as sheet_id is accepted too.
      return this.sources.filter((s) => s.spec.kind === 'google' && s.spec.spreadsheetId === ref.sheet_id);
    }
    if (ref.spreadsheet_id) {
      return this.sources.filter((s) => s.spec.kind === 'google' && s.spec.spreadsheetId === ref.spreadsheet_id);
    }
    return [];
  }

  breakerState(id: string): string | null {
    return this.requests.get(id)?.breakerState ?? null;
  }

  /** One set of clients for the one service account, made on first need. */
  private googleApis(): GoogleApis {
    this.google ??= createGoogleApis({
      keyFile: this.config.GOOGLE_APPLICATION_CREDENTIALS ?? '',
      rootUrl: this.config.GOOGLE_API_ROOT_URL,
      timeoutMs: this.config.SHEETS_REQUEST_TIMEOUT_MS,
      sheetsReadsPerMinute: this.config.SHEETS_READS_PER_MINUTE,
      driveReadsPerMinute: this.config.SHEETS_DRIVE_READS_PER_MINUTE,
    });
    return this.google;
  }
}
