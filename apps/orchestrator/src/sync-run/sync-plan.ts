import { BlockId, EventType, SyncStatus } from '@pokervod/contracts';

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

/**
 * The full sync of seed §4.1 / DESIGN §4. Phase 4 has no step: when phase 3
 * is done the orchestrator emits `system.sync.completed`.
 */
export const FULL_SYNC_PLAN: readonly PhaseDefinition[] = [
  {
    phase: 1,
    name: 'foundation',
    steps: [
      { block: 'A', name: 'nas.scan', request: EventType.NAS_SCAN_REQUESTED, completion: EventType.NAS_SCAN_COMPLETED },
      {
        block: 'B',
        name: 'catalog.update',
        request: EventType.CATALOG_UPDATE_REQUESTED,
        completion: EventType.CATALOG_UPDATED,
      },
    ],
  },
  {
    phase: 2,
    name: 'sheets',
    steps: [
      {
        block: 'D',
        name: 'sheets.sync',
        request: EventType.SHEETS_SYNC_REQUESTED,
        completion: EventType.SHEETS_SYNC_COMPLETED,
      },
    ],
  },
  {
    phase: 3,
    name: 'analysis',
    steps: [
      {
        block: 'C',
        name: 'hand.analysis',
        request: EventType.HAND_ANALYSIS_REQUESTED,
        completion: EventType.HAND_ANALYSIS_COMPLETED,
      },
    ],
  },
];

export const COMPLETION_EVENTS: readonly EventType[] = FULL_SYNC_PLAN.flatMap((p) => p.steps.map((s) => s.completion));

export type StepStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

export interface StepState {
  phase: number;
  block_id: string;
  status: StepStatus;
}

/** The step a completion event closes, if it belongs to the plan. */
export function stepForCompletion(type: EventType): { phase: number; step: StepDefinition } | null {
  for (const p of FULL_SYNC_PLAN) {
    const step = p.steps.find((s) => s.completion === type);
    if (step) return { phase: p.phase, step };
  }
  return null;
}

export type NextAction =
  { kind: 'wait' } | { kind: 'start_phase'; phase: PhaseDefinition } | { kind: 'finish'; status: SyncStatus };

/**
 * What a run does next, given its steps: wait while a step of the current
 * phase is open, start the next phase once all of the current one is done,
 * finish after the last. A failed step ends the run failed (issue #3 adds
 * degraded continuation per the fallback table).
 */
export function nextAction(steps: readonly StepState[]): NextAction {
  if (steps.some((s) => s.status === 'failed')) return { kind: 'finish', status: 'failed' };
  if (steps.some((s) => s.status === 'in_progress')) return { kind: 'wait' };
  const next = FULL_SYNC_PLAN.find((p) => steps.some((s) => s.phase === p.phase && s.status === 'pending'));
  return next ? { kind: 'start_phase', phase: next } : { kind: 'finish', status: 'completed' };
}
