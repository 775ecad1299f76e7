import type { RawTab } from '../hand-log/parse-hand-log';
import type { SourceSpec } from './source-spec';

/** A tab the source could not read this time: its stored rows stay as they are. */
export interface UnreadTab {
  tab: string;
  reason: string;
}

export interface SourceRead {
  tabs: RawTab[];
  unread: UnreadTab[];
}

/**
 * One configured hand log (a Google sheet, a CSV or an XLSX export). The
 * sync asks it two things: a cheap token that moves when the content may
 * have changed, and the cell text of every wanted tab.
 */
export interface SheetSource {
  readonly id: string;
  readonly spec: SourceSpec;
  /** Drive `version` + `modifiedTime`, or file mtime + size. */
  changeToken(): Promise<string>;
  read(): Promise<SourceRead>;
  close?(): void;
}
