import { randomUUID } from 'node:crypto';
import { publishRawEvent, waitFor } from '@pokervod/testing';
import { TEST_API_KEY, useOrchestratorInWorld } from '../test/orchestrator-harness';

describe('orchestrator (real RabbitMQ + Postgres, blocks as test doubles)', () => {
  const orchestrator = useOrchestratorInWorld('orch', { SYNC_PHASE_TIMEOUTS: 'sheets=1.5,changes=1.5' });

  beforeEach(() => {
    for (const key of Object.keys(orchestrator.doubles.behaviour)) delete orchestrator.doubles.behaviour[key as 'A'];
  });

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${orchestrator.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as any };
  };
  const trigger = (type: string, key = TEST_API_KEY) =>
    api(`/api/orchestrator/sync?sync_type=${type}`, { method: 'POST', headers: { 'X-API-Key': key } });
  const finished = (id: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const r = await api(`/api/orchestrator/runs/${id}`);
        return r.body.status !== 'in_progress' ? r.body : null;
      },
      { timeoutMs, description: `run ${id} finished` },
    );

  it('runs a full sync to COMPLETED with phases in order, each request once', async () => {
    // A block's own progress report; the orchestrator's status updates must not wipe its counts.
    await publishRawEvent(orchestrator.world.topology, {
      type: 'system.block.status',
      payload: { block_id: 'A', status: 'completed', items_processed: 36, items_total: 36 },
      correlationId: 'progress',
      source: 'A',
    });
    await waitFor(async () => (await api('/api/orchestrator/status')).body.blocks.A.items_total === 36);
    const started = await trigger('full');
    expect(started).toMatchObject({ status: 202, body: { status: 'started' } });
    const run = await finished(started.body.task_id);
    expect(run.status).toBe('completed');
    expect(orchestrator.doubles.requestsOf(run.correlation_id)).toEqual(
      expect.arrayContaining(['nas.scan.requested', 'catalog.update.requested']),
    );
    expect(orchestrator.doubles.requestsOf(run.correlation_id).slice(2)).toEqual([
      'sheets.sync.requested',
      'hand.analysis.requested',
    ]);
    const [p1, p2, p3] = run.phases;
    expect(p1.steps.map((s: any) => s.block_id)).toEqual(['A', 'B']);
    expect(Date.parse(p2.started_at)).toBeGreaterThanOrEqual(Date.parse(p1.finished_at));
    expect(Date.parse(p3.started_at)).toBeGreaterThanOrEqual(Date.parse(p2.finished_at));
    for (const p of run.phases) expect(p.duration_ms).toBeGreaterThanOrEqual(0);
    const done = await waitFor(() =>
      orchestrator.events.find((e) => e.type === 'system.sync.completed' && e.correlation_id === run.correlation_id),
    );
    expect((await api('/api/orchestrator/status')).body.blocks.A).toMatchObject({
      status: 'completed',
      items_processed: 36,
      items_total: 36,
    });
    expect(done.payload).toMatchObject({ run_id: run.id, status: 'completed' });
  });

  it('refuses a trigger without the API key and rejects unknown sync types', async () => {
    expect((await trigger('full', 'wrong-key-0123456789')).status).toBe(401);
    expect((await api('/api/orchestrator/sync?sync_type=full', { method: 'POST' })).status).toBe(401);
    expect((await trigger('everything')).status).toBe(400);
  });

  it('starts one run for two concurrent full-sync requests', async () => {
    orchestrator.doubles.behaviour.A = 'silent'; // keep the run open
    const [a, b] = await Promise.all([trigger('full'), trigger('full')]);
    expect(a.body.task_id).toBe(b.body.task_id);
    expect([a.body.status, b.body.status].sort()).toEqual(['already_running', 'started']);
    const runs = (await api('/api/orchestrator/runs')).body.filter(
      (r: any) => r.status === 'in_progress' && r.sync_type === 'full',
    );
    expect(runs).toHaveLength(1);
    // Let it finish: A answers now (the step's request is replayed by hand).
    orchestrator.doubles.behaviour.A = 'answer';
    await publishRawEvent(orchestrator.world.topology, {
      type: 'nas.scan.completed',
      payload: {},
      correlationId: runs[0].correlation_id,
      source: 'A',
    });
    expect((await finished(a.body.task_id)).status).toBe('completed');
  });

  it('times out a block that never answers: step failed with the reason, dependent phase skipped, run PARTIAL', async () => {
    orchestrator.doubles.behaviour.D = 'silent';
    const started = await trigger('full');
    const run = await finished(started.body.task_id);
    expect(run.status).toBe('partial');
    const steps = Object.fromEntries(run.phases.flatMap((p: any) => p.steps).map((s: any) => [s.block_id, s]));
    expect(steps.A.status).toBe('completed');
    expect(steps.B.status).toBe('completed');
    expect(steps.D.status).toBe('failed');
    expect(steps.D.error).toMatch(/^timed out: no sheets\.sync\.completed before /);
    expect(steps.C).toMatchObject({
      status: 'skipped',
      error: 'skipped: sheets sync failed: no new or changed rows to analyse',
    });
    expect(orchestrator.doubles.requestsOf(run.correlation_id)).not.toContain('hand.analysis.requested');

    const status = (await api('/api/orchestrator/status')).body;
    expect(status.blocks.D).toMatchObject({ status: 'failed', last_error: steps.D.error });
    expect(status.overall).toBe('partial');
    const error = await waitFor(() =>
      orchestrator.events.find((e) => e.type === 'system.error' && e.correlation_id === run.correlation_id),
    );
    expect(error.payload).toMatchObject({ source: 'D', phase: 'sheets.sync' });
  });

  it('isolates a block whose handler fails: the failure arrives as system.error and the run goes on degraded', async () => {
    orchestrator.doubles.behaviour.A = 'fail';
    const started = await trigger('full');
    const run = await finished(started.body.task_id);
    const steps = Object.fromEntries(run.phases.flatMap((p: any) => p.steps).map((s: any) => [s.block_id, s]));
    expect(steps.A).toMatchObject({ status: 'failed', error: 'nas.scan.requested: block A is broken' });
    expect(steps.D.status).toBe('completed');
    expect(steps.C.status).toBe('completed');
    expect(run.status).toBe('partial');
  });

  it('runs an incremental sync (NAS changes + sheets) without the heavy phases', async () => {
    const started = await trigger('incremental');
    const run = await finished(started.body.task_id);
    expect(run.status).toBe('completed');
    expect(orchestrator.doubles.requestsOf(run.correlation_id).sort()).toEqual([
      'nas.scan.requested',
      'sheets.sync.requested',
    ]);
  });

  it('reacts to system.sync.all published by hand', async () => {
    const correlation = `ops-${randomUUID()}`;
    await publishRawEvent(orchestrator.world.topology, {
      type: 'system.sync.all',
      payload: { sync_type: 'full', requested_by: 'ops' },
      correlationId: correlation,
      source: 'orchestrator',
    });
    const run = await waitFor(
      async () => {
        const runs = (await api('/api/orchestrator/runs')).body;
        return runs.find((r: any) => r.correlation_id === correlation && r.status !== 'in_progress');
      },
      { timeoutMs: 15_000 },
    );
    expect(run).toMatchObject({ status: 'completed', requested_by: 'ops' });
  });

  it('streams status changes as server-sent events', async () => {
    orchestrator.doubles.behaviour.A = 'silent'; // the nas run stays open until A answers
    const controller = new AbortController();
    try {
      const res = await fetch(`${orchestrator.url}/api/orchestrator/status/stream`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const readUntil = async (pattern: RegExp) => {
        while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
        const seenText = text;
        text = '';
        return seenText;
      };
      expect(await readUntil(/data: .*\n\n/)).toMatch(/^\n?event: status\nid: 1\ndata: \{"overall":/);
      const started = (await trigger('nas')).body;
      await readUntil(/"sync_type":"nas","status":"in_progress"/);
      const run = (await api(`/api/orchestrator/runs/${started.task_id}`)).body;
      await publishRawEvent(orchestrator.world.topology, {
        type: 'nas.scan.completed',
        payload: {},
        correlationId: run.correlation_id,
        source: 'A',
      });
      await readUntil(/"running":\[\]/);
      expect((await finished(started.task_id)).status).toBe('completed');
    } finally {
      controller.abort();
    }
  });
});
