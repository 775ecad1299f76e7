import { SYNC_PLANS, StepState, nextAction, outcomeOf, runStatus, stepForCompletion } from './sync-plan';

const full = SYNC_PLANS.full;
const steps = (status: Record<string, StepState['status']>): StepState[] =>
  full.flatMap((p) =>
    p.steps.map((s) => ({ phase: p.phase, block_id: s.block, status: status[s.block] ?? 'pending' })),
  );

describe('full sync plan', () => {
  it('runs A and B in parallel, then D, then C', () => {
    expect(full.map((p) => p.steps.map((s) => s.block))).toEqual([['A', 'B'], ['D'], ['C']]);
  });

  it('starts phase 1 first, waits while a step is open, and moves on only when the whole phase is done', () => {
    expect(nextAction(full, steps({}))).toMatchObject({ kind: 'start_phase', phase: { phase: 1 } });
    expect(nextAction(full, steps({ A: 'completed', B: 'in_progress' }))).toEqual({ kind: 'wait' });
    expect(nextAction(full, steps({ A: 'completed', B: 'completed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 2 },
    });
    expect(nextAction(full, steps({ A: 'completed', B: 'completed', D: 'completed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 3 },
    });
    expect(nextAction(full, steps({ A: 'completed', B: 'completed', D: 'completed', C: 'completed' }))).toEqual({
      kind: 'finish',
      status: 'completed',
    });
  });
});

describe('failure isolation (fallback table)', () => {
  it('waits for the rest of a phase even when one step failed', () => {
    expect(nextAction(full, steps({ A: 'failed', B: 'in_progress' }))).toEqual({ kind: 'wait' });
  });

  it('goes on degraded when only A or only B failed', () => {
    expect(nextAction(full, steps({ A: 'failed', B: 'completed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 2 },
    });
    expect(nextAction(full, steps({ A: 'completed', B: 'failed' }))).toMatchObject({
      kind: 'start_phase',
      phase: { phase: 2 },
    });
  });

  it('skips D and C when A and B both failed', () => {
    expect(nextAction(full, steps({ A: 'failed', B: 'failed' }))).toEqual({
      kind: 'skip',
      blocks: ['D', 'C'],
      reason: 'NAS inventory and catalog both failed',
    });
  });

  it('skips C when D failed, then finishes partial (sheets down: NAS and catalog up to date)', () => {
    const afterD = steps({ A: 'completed', B: 'completed', D: 'failed' });
    expect(nextAction(full, afterD)).toMatchObject({ kind: 'skip', blocks: ['C'] });
    expect(nextAction(full, steps({ A: 'completed', B: 'completed', D: 'failed', C: 'skipped' }))).toEqual({
      kind: 'finish',
      status: 'partial',
    });
  });

  it('rates a run: completed, partial, failed', () => {
    expect(runStatus(steps({ A: 'completed', B: 'completed', D: 'completed', C: 'completed' }))).toBe('completed');
    expect(runStatus(steps({ A: 'completed', B: 'completed', D: 'partial', C: 'completed' }))).toBe('partial');
    expect(runStatus(steps({ A: 'failed', B: 'failed', D: 'skipped', C: 'skipped' }))).toBe('failed');
  });
});

describe('completion events', () => {
  it('map to the step of the run’s own plan', () => {
    expect(stepForCompletion('full', 'catalog.updated')).toMatchObject({ phase: 1, step: { block: 'B' } });
    expect(stepForCompletion('full', 'hand.analysis.completed')).toMatchObject({ phase: 3, step: { block: 'C' } });
    expect(stepForCompletion('incremental', 'sheets.sync.completed')).toMatchObject({ phase: 1, step: { block: 'D' } });
    expect(stepForCompletion('nas', 'catalog.updated')).toBeNull();
    expect(stepForCompletion('full', 'nas.file.added')).toBeNull();
  });

  it('read the block’s own verdict where the event carries one', () => {
    expect(outcomeOf('sheets.sync.completed', { status: 'partial', results: [] })).toEqual({
      status: 'partial',
      error: 'sheets sync was partial',
    });
    expect(outcomeOf('sheets.sync.completed', { status: 'failed', results: [] }).status).toBe('failed');
    expect(outcomeOf('nas.scan.completed', {}).status).toBe('completed');
  });
});
