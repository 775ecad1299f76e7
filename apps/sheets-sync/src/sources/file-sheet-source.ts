import { readFile, stat } from 'node:fs/promises';
import type { SheetSource, SourceRead } from './sheet-source';
import type { SourceSpec } from './source-spec';
import { readCsv } from './csv-reader';
import { readXlsx } from './xlsx-reader';
import { SourceChangedWhileReadingError, SourceConfigurationError } from '../quota/source-errors';
import type { SourceRequests } from '../quota/source-requests';

type FileSpec = Extract<SourceSpec, { kind: 'file' }>;

/** A CSV or XLSX export on disk (or a mounted share). */
export class FileSheetSource implements SheetSource {
  readonly id: string;

  constructor(
    readonly spec: FileSpec,
    private readonly requests: SourceRequests,
  ) {
    this.id = spec.id;
  }

  /** mtime + size: an export rewritten in place moves at least one of them. */
  changeToken(): Promise<string> {
    return this.requests.call('stat', null, async () => fingerprint(await this.stat()));
  }

  read(): Promise<SourceRead> {
    return this.requests.call('read', null, async () => {
      const before = await this.stat();
      const bytes = await readFile(this.spec.path);
      // A half-written export would look like mass removals: read it again later.
      if (fingerprint(await this.stat()) !== fingerprint(before))
        throw new SourceChangedWhileReadingError(this.spec.path);
      if (this.spec.format === 'csv') return { tabs: [readCsv(bytes, this.spec.path)], unread: [] };
      let parsed;
      try {
        parsed = await readXlsx(bytes, this.spec.tab);
      } catch (error) {
        throw new SourceConfigurationError(
          `${this.spec.path} is not a readable XLSX file: ${(error as Error).message}`,
        );
      }
      if (parsed.missing !== null)
        throw new SourceConfigurationError(`${this.spec.path} has no worksheet "${parsed.missing}"`);
      return { tabs: parsed.tabs, unread: [] };
    });
  }

  private async stat() {
    try {
      return await stat(this.spec.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EISDIR') {
        throw new SourceConfigurationError(`cannot read ${this.spec.path}: ${code}`);
      }
      throw error;
    }
  }
}

function fingerprint(s: { mtimeMs: number; size: number }): string {
  return `${Math.round(s.mtimeMs)}:${s.size}`;
}
