import type { SyncResult } from '@pokervod/contracts';
import {
  MAX_INVALID_REPORTED,
  SourceOutcome,
  capDuplicates,
  capInvalid,
  overallStatus,
  problemSummary,
} from './sync-outcome';

const outcome = (status: SyncResult['status'], read: boolean, error: string | null = null): SourceOutcome => ({
  result: {
    sheet_id: `s-${status}`,
    status,
    rows_read: read ? 3 : 0,
    added: 0,
    changed: 0,
    removed: 0,
    invalid: [],
    duplicates: [],
    error,
    unread: [],
  },
  read,
  error,
  unread: [],
});

describe('overallStatus', () => {
  it.each([
    [[outcome('completed', true), outcome('completed', true)], 'completed'],
    [[outcome('completed', true), outcome('partial', false)], 'partial'],
    [[outcome('partial', true)], 'partial'],
    [[outcome('partial', false)], 'failed'],
    [[outcome('failed', false), outcome('partial', false)], 'failed'],
    [[outcome('completed', true), outcome('failed', false)], 'partial'],
  ])('%#', (outcomes, status) => expect(overallStatus(outcomes as SourceOutcome[])).toBe(status));
});

describe('problemSummary', () => {
  it('names each source that did not complete, with the reason', () => {
    expect(problemSummary([outcome('completed', true)])).toBeNull();
    const unreadTab = { ...outcome('partial', true), unread: [{ tab: 'Day 2', reason: 'no header row' }] };
    expect(problemSummary([outcome('partial', false, 'circuit open'), unreadTab])).toBe(
      's-partial partial: circuit open | s-partial partial: "Day 2": no header row',
    );
  });
});

describe('capInvalid', () => {
  it('keeps the first rows and counts the rest', () => {
    const many = Array.from({ length: MAX_INVALID_REPORTED + 5 }, (_, i) => ({ tab: 'T', row: i + 2, reason: 'x' }));
    const capped = capInvalid(many);
    expect(capped).toHaveLength(MAX_INVALID_REPORTED + 1);
    expect(capped[MAX_INVALID_REPORTED]).toEqual({ tab: '*', row: 0, reason: '… and 5 more invalid rows' });
  });
});

describe('capDuplicates', () => {
  it('keeps the first duplicate rows and counts the rest', () => {
    const many = Array.from({ length: MAX_INVALID_REPORTED + 3 }, (_, i) => ({
      tab: 'T',
      row: i + 3,
      duplicate_of: 2,
      kind: 'exact' as const,
      id: null,
      reason: `row ${i + 3} is an exact duplicate of row 2; only row 2 is used`,
    }));
    const capped = capDuplicates(many);
    expect(capped).toHaveLength(MAX_INVALID_REPORTED + 1);
    expect(capped.slice(0, MAX_INVALID_REPORTED)).toEqual(many.slice(0, MAX_INVALID_REPORTED));
    expect(capped[MAX_INVALID_REPORTED]).toMatchObject({ tab: '*', row: 0, reason: '… and 3 more duplicate rows' });
    expect(capDuplicates(many.slice(0, 2))).toEqual(many.slice(0, 2));
  });
});
