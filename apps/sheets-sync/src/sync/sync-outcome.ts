import type { SyncResult, SyncStatus } from '@pokervod/contracts';
import type { UnreadTab } from '../sources/sheet-source';

/** What one source's sync did, with what the SyncResult contract has no room for. */
export interface SourceOutcome {
  result: SyncResult;
  /** Whether anything was read at all (a sync that read nothing changed nothing). */
  read: boolean;
  /** Why the sync was cut short or failed; null when it completed. */
  error: string | null;
  /** Tabs not read this time (`*`: the whole source). */
  unread: UnreadTab[];
}

/**
 * The status of a sync over several sources (`sheets.sync.completed` for a
 * full sync's phase 2): completed when every source completed, failed when
 * none could be read, partial otherwise.
 */
export function overallStatus(outcomes: readonly SourceOutcome[]): SyncStatus {
  if (outcomes.every((o) => o.result.status === 'completed')) return 'completed';
  if (outcomes.every((o) => !o.read)) return 'failed';
  return 'partial';
}

/** One line for `system.block.status`: what was not read, and why. */
export function problemSummary(outcomes: readonly SourceOutcome[]): string | null {
  const problems = outcomes
    .filter((o) => o.result.status !== 'completed')
    .map((o) => {
      const tabs = o.unread.filter((u) => u.tab !== '*').map((u) => `"${u.tab}": ${u.reason}`);
      return `${o.result.sheet_id} ${o.result.status}: ${o.error ?? tabs.join('; ')}`;
    });
  return problems.length > 0 ? problems.join(' | ').slice(0, 2000) : null;
}

/** Invalid rows carried in one result; the rest are counted in a last entry. */
export const MAX_INVALID_REPORTED = 1000;

export function capInvalid(invalid: SyncResult['invalid']): SyncResult['invalid'] {
  if (invalid.length <= MAX_INVALID_REPORTED) return invalid;
  const more = invalid.length - MAX_INVALID_REPORTED;
  return [...invalid.slice(0, MAX_INVALID_REPORTED), { tab: '*', row: 0, reason: `… and ${more} more invalid rows` }];
}

/** Duplicate rows carried in one result, the same way (a tab pasted twice should not make a megabyte event). */
export function capDuplicates(duplicates: SyncResult['duplicates']): SyncResult['duplicates'] {
  if (duplicates.length <= MAX_INVALID_REPORTED) return duplicates;
  const more = duplicates.length - MAX_INVALID_REPORTED;
  return [
    ...duplicates.slice(0, MAX_INVALID_REPORTED),
    { tab: '*', row: 0, duplicate_of: 0, kind: 'exact', id: null, reason: `… and ${more} more duplicate rows` },
  ];
}
