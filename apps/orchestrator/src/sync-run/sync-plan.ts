import { BlockId, EventPayload, EventType, SyncStatus } from '@pokervod/contracts';

/** One block's part of a phase: the event that asks for it and the one that says it is done. */
export interface StepDefinition {
  block: BlockId;
  name: string;
  request: EventType;
  completion: EventType;
}

export interface PhaseDefinition {
  phase: number;
  name: string;
  steps: StepDefinition[];
}

const NAS_SCAN: StepDefinition = {
  block: 'A',
  name: 'nas.scan',
  request: EventType.NAS_SCAN_REQUESTED,
  completion: EventType.NAS_SCAN_COMPLETED,
};
const CATALOG_UPDATE: StepDefinition = {
  block: 'B',
  name: 'catalog.update',
  request: EventType.CATALOG_UPDATE_REQUESTED,
  completion: EventType.CATALOG_UPDATED,
};
const SHEETS_SYNC: StepDefinition = {
  block: 'D',
  name: 'sheets.sync',
  request: EventType.SHEETS_SYNC_REQUESTED,
  completion: EventType.SHEETS_SYNC_COMPLETED,
};
const HAND_ANALYSIS: StepDefinition = {
  block: 'C',
  name: 'hand.analysis',
  request: EventType.HAND_ANALYSIS_REQUESTED,
  completion: EventType.HAND_ANALYSIS_COMPLETED,
};

export const SYNC_TYPES = ['full', 'incremental', 'sheets', 'nas'] as const;
export type SyncType = (typeof SYNC_TYPES)[number];

/**
 * What each kind of run does (docs/architecture.md#sync-phases). `full`:
 * foundation → sheets → analysis, then the `system.sync.completed` event;
 * `incremental`: NAS change detection and sheet polling without the heavy
 * phases; `sheets` and `nas` are the scheduler's 5-minute and hourly jobs.
 */
export const SYNC_PLANS: Readonly<Record<SyncType, readonly PhaseDefinition[]>> = {
  full: [
    { phase: 1, name: 'foundation', steps: [NAS_SCAN, CATALOG_UPDATE] },
    { phase: 2, name: 'sheets', steps: [SHEETS_SYNC] },
    { phase: 3, name: 'analysis', steps: [HAND_ANALYSIS] },
  ],
  incremental: [{ phase: 1, name: 'changes', steps: [NAS_SCAN, SHEETS_SYNC] }],
  sheets: [{ phase: 1, name: 'sheets', steps: [SHEETS_SYNC] }],
  nas: [{ phase: 1, name: 'nas', steps: [NAS_SCAN] }],
};

/**
 * Failure isolation (docs/architecture.md#failure-isolation): when every block
 * of `failed` has failed, the steps of `skip` are not run, for `reason`. A
 * failure not listed here only degrades the run: later phases go on with the
 * last good data.
 *
 * | failed   | effect                                                          |
 * |----------|-----------------------------------------------------------------|
 * | A        | go on: D matches rows against the last good NAS inventory        |
 * | B        | go on: D matches rows against the last good catalog              |
 * | A and B  | skip D and C: there is nothing fresh to match rows against       |
 * | D        | skip C: no new or changed rows to analyse; NAS and catalog stay up to date |
 * | C        | nothing to skip; clips keep their previous tags                  |
 */
export const FALLBACKS: readonly { failed: BlockId[]; skip: BlockId[]; reason: string }[] = [
  { failed: ['A', 'B'], skip: ['D', 'C'], reason: 'NAS inventory and catalog both failed' },
  { failed: ['D'], skip: ['C'], reason: 'sheets sync failed: no new or changed rows to analyse' },
];

export type StepStatus = 'pending' | 'in_progress' | 'completed' | 'partial' | 'failed' | 'skipped';

export interface StepState {
  phase: number;
  block_id: string;
  status: StepStatus;
}

/** The step of a run of type `type` that a completion event closes, if any. */
export function stepForCompletion(type: SyncType, event: EventType): { phase: number; step: StepDefinition } | null {
  for (const p of SYNC_PLANS[type]) {
    const step = p.steps.find((s) => s.completion === event);
    if (step) return { phase: p.phase, step };
  }
  return null;
}

/**
 * How a completion event says the block did: `sheets.sync.completed` carries
 * its own status (a sync cut short by quotas is partial, never completed).
 */
export function outcomeOf(
  event: EventType,
  payload: unknown,
): { status: 'completed' | 'partial' | 'failed'; error: string | null } {
  if (event === EventType.SHEETS_SYNC_COMPLETED) {
    const p = payload as EventPayload<typeof EventType.SHEETS_SYNC_COMPLETED>;
    if (p.status === 'failed') return { status: 'failed', error: 'sheets sync reported failure' };
    if (p.status === 'partial') return { status: 'partial', error: 'sheets sync was partial' };
  }
  return { status: 'completed', error: null };
}

const DONE: readonly StepStatus[] = ['completed', 'partial', 'failed', 'skipped'];

export type NextAction =
  | { kind: 'wait' }
  | { kind: 'skip'; blocks: BlockId[]; reason: string }
  | { kind: 'start_phase'; phase: PhaseDefinition }
  | { kind: 'finish'; status: SyncStatus };

/**
 * What a run does next, given its plan and the state of its steps: wait while
 * a step is open; skip what the fallback table says a failure makes
 * pointless; start the next phase with work left; otherwise finish.
 */
export function nextAction(plan: readonly PhaseDefinition[], steps: readonly StepState[]): NextAction {
  if (steps.some((s) => s.status === 'in_progress')) return { kind: 'wait' };
  const failed = new Set(steps.filter((s) => s.status === 'failed').map((s) => s.block_id));
  for (const rule of FALLBACKS) {
    if (!rule.failed.every((b) => failed.has(b))) continue;
    const blocks = rule.skip.filter((b) => steps.some((s) => s.block_id === b && s.status === 'pending'));
    if (blocks.length > 0) return { kind: 'skip', blocks, reason: rule.reason };
  }
  const next = plan.find((p) => steps.some((s) => s.phase === p.phase && s.status === 'pending'));
  if (next) return { kind: 'start_phase', phase: next };
  return { kind: 'finish', status: runStatus(steps) };
}

/** Completed when every step completed; failed when none did; partial otherwise. */
export function runStatus(steps: readonly StepState[]): SyncStatus {
  if (steps.length > 0 && steps.every((s) => s.status === 'completed')) return 'completed';
  if (!steps.some((s) => s.status === 'completed' || s.status === 'partial')) return 'failed';
  return 'partial';
}
