import { FULL_SYNC_PLAN, StepState, nextAction, stepForCompletion } from './sync-plan';

const steps = (status: Record<string, StepState['status']>): StepState[] =>
  FULL_SYNC_PLAN.flatMap((p) =>
    p.steps.map((s) => ({ phase: p.phase, block_id: s.block, status: status[s.block] ?? 'pending' })),
  );

describe('full sync plan (seed §4.1)', () => {
  it('runs A and B in parallel, then D, then C', () => {
    expect(FULL_SYNC_PLAN.map((p) => p.steps.map((s) => s.block))).toEqual([['A', 'B'], ['D'], ['C']]);
  });

  it('starts phase 1 first, waits while a step is open, and moves on only when the whole phase is done', () => {
    expect(nextAction(steps({}))).toMatchObject({ kind: 'start_phase', phase: { phase: 1 } });
    expect(nextAction(steps({ A: 'completed', B: 'in_progress' }))).toEqual({ kind: 'wait' });
    expect(nextAction(steps({ A: 'completed', B: 'completed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 2 },
    });
    expect(nextAction(steps({ A: 'completed', B: 'completed', D: 'completed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 3 },
    });
    expect(nextAction(steps({ A: 'completed', B: 'completed', D: 'completed', C: 'completed' }))).toEqual({
      kind: 'finish',
      status: 'completed',
    });
  });

  it('finishes failed when a step failed', () => {
    expect(nextAction(steps({ A: 'failed', B: 'in_progress' }))).toEqual({ kind: 'finish', status: 'failed' });
  });

  it('maps completion events to their step', () => {
    expect(stepForCompletion('catalog.updated')).toMatchObject({ phase: 1, step: { block: 'B' } });
    expect(stepForCompletion('hand.analysis.completed')).toMatchObject({ phase: 3, step: { block: 'C' } });
    expect(stepForCompletion('nas.file.added')).toBeNull();
  });
});
