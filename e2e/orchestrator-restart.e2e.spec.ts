import { publishRawEvent, waitFor } from '@pokervod/testing';
import { BlockDoubles } from '@pokervod/block-doubles';
import { TestSystem } from './support/system';

/**
 * Issue #3: the orchestrator process is killed (SIGKILL) in phase 2 and
 * started again; the run finishes and no phase is requested twice. Blocks
 * A–D are test doubles speaking the real messages; the orchestrator is the
 * real built app.
 */
describe('orchestrator killed mid-run', () => {
  const system = new TestSystem(['orchestrator'], { SYNC_TIMEOUT_SWEEP_MS: '200' });
  let doubles: BlockDoubles;

  beforeAll(async () => {
    await system.start();
    doubles = new BlockDoubles(system.topology);
    await doubles.start();
  }, 120_000);

  afterAll(async () => {
    await doubles?.stop();
    await system.cleanUp();
  }, 60_000);

  const url = () => system.app('orchestrator').url;
  const getRun = async (id: string) => (await (await fetch(`${url()}/api/orchestrator/runs/${id}`)).json()) as any;

  it('resumes the run after a restart and runs no phase twice', async () => {
    doubles.behaviour.D = 'silent'; // phase 2 stays open until D "finishes" below
    const res = await fetch(`${url()}/api/orchestrator/sync?sync_type=full`, {
      method: 'POST',
      headers: { 'X-API-Key': system.apiKey },
    });
    const { task_id } = (await res.json()) as { task_id: string };
    const run = await waitFor(
      async () => {
        const r = await getRun(task_id);
        return r.phases[1].status === 'in_progress' ? r : null;
      },
      { description: 'phase 2 running' },
    );
    // The phase is committed first, its request leaves the outbox right after: wait until D has it.
    await waitFor(async () => doubles.requestsOf(run.correlation_id).includes('sheets.sync.requested'), {
      description: 'D asked to sync the sheets',
    });

    await system.kill('orchestrator');
    // D finishes while the orchestrator is down: the event waits in its durable queue.
    await publishRawEvent(system.topology, {
      type: 'sheets.sync.completed',
      payload: { status: 'completed', results: [] },
      correlationId: run.correlation_id,
      source: 'D',
    });
    await system.restart('orchestrator');

    const done = await waitFor(
      async () => {
        const r = await getRun(task_id);
        return r.status !== 'in_progress' ? r : null;
      },
      { timeoutMs: 20_000, description: 'run finished after restart' },
    );
    expect(done.status).toBe('completed');
    const requests = doubles.requestsOf(run.correlation_id).sort();
    expect(requests).toEqual([
      'catalog.update.requested',
      'hand.analysis.requested',
      'nas.scan.requested',
      'sheets.sync.requested',
    ]);
  });
});
