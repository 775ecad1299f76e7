import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventEnvelope, VideoFile } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL, waitFor, publishRawEvent } from '@pokervod/testing';
import { BlockDoubles } from '@pokervod/block-doubles';
import { RowSyncService } from './incremental/row-sync.service';
import { TEST_API_KEY, orchestratorWorld, startOrchestrator } from './testing/orchestrator-harness';

type World = Awaited<ReturnType<typeof orchestratorWorld>>;

describe('orchestrator (real RabbitMQ + Postgres, blocks as test doubles)', () => {
  let world: World;
  let doubles: BlockDoubles;
  let orchestrator: { app: INestApplication; url: string };
  let watcher: MessageBus;
  const seen: EventEnvelope[] = [];

  beforeAll(async () => {
    world = await orchestratorWorld('orch');
    doubles = new BlockDoubles(world.topology);
    await doubles.start();
    orchestrator = await startOrchestrator(world, { SYNC_PHASE_TIMEOUTS: 'sheets=1.5,changes=1.5' });
    watcher = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'watcher',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      exchange: world.topology.exchange,
      commandExchange: world.topology.commandExchange,
      queuePrefix: world.topology.queuePrefix,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    watcher.on('system.#', (e) => void seen.push(e));
    await watcher.start();
  }, 60_000);

  afterAll(async () => {
    await watcher?.stop();
    await orchestrator?.app.close();
    await doubles?.stop();
    await world?.cleanUp();
  });

  beforeEach(() => {
    for (const key of Object.keys(doubles.behaviour)) delete doubles.behaviour[key as 'A'];
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

  it('runs a full sync to COMPLETED with phases in the seed’s order, each request once', async () => {
    // A block's own progress report; the orchestrator's status updates must not wipe its counts.
    await publishRawEvent(world.topology, {
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
    expect(doubles.requestsOf(run.correlation_id)).toEqual(
      expect.arrayContaining(['nas.scan.requested', 'catalog.update.requested']),
    );
    expect(doubles.requestsOf(run.correlation_id).slice(2)).toEqual([
      'sheets.sync.requested',
      'hand.analysis.requested',
    ]);
    const [p1, p2, p3] = run.phases;
    expect(p1.steps.map((s: any) => s.block_id)).toEqual(['A', 'B']);
    expect(Date.parse(p2.started_at)).toBeGreaterThanOrEqual(Date.parse(p1.finished_at));
    expect(Date.parse(p3.started_at)).toBeGreaterThanOrEqual(Date.parse(p2.finished_at));
    for (const p of run.phases) expect(p.duration_ms).toBeGreaterThanOrEqual(0);
    const done = await waitFor(() =>
      seen.find((e) => e.type === 'system.sync.completed' && e.correlation_id === run.correlation_id),
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
    doubles.behaviour.A = 'silent'; // keep the run open
    const [a, b] = await Promise.all([trigger('full'), trigger('full')]);
    expect(a.body.task_id).toBe(b.body.task_id);
    expect([a.body.status, b.body.status].sort()).toEqual(['already_running', 'started']);
    const runs = (await api('/api/orchestrator/runs')).body.filter(
      (r: any) => r.status === 'in_progress' && r.sync_type === 'full',
    );
    expect(runs).toHaveLength(1);
    // Let it finish: A answers now (the step's request is replayed by hand).
    doubles.behaviour.A = 'answer';
    await publishRawEvent(world.topology, {
      type: 'nas.scan.completed',
      payload: {},
      correlationId: runs[0].correlation_id,
      source: 'A',
    });
    expect((await finished(a.body.task_id)).status).toBe('completed');
  });

  it('times out a block that never answers: step failed with the reason, dependent phase skipped, run PARTIAL', async () => {
    doubles.behaviour.D = 'silent';
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
    expect(doubles.requestsOf(run.correlation_id)).not.toContain('hand.analysis.requested');

    const status = (await api('/api/orchestrator/status')).body;
    expect(status.blocks.D).toMatchObject({ status: 'failed', last_error: steps.D.error });
    expect(status.overall).toBe('partial');
    const error = await waitFor(() =>
      seen.find((e) => e.type === 'system.error' && e.correlation_id === run.correlation_id),
    );
    expect(error.payload).toMatchObject({ source: 'D', phase: 'sheets.sync' });
  });

  it('isolates a block whose handler fails: the failure arrives as system.error and the run goes on degraded', async () => {
    doubles.behaviour.A = 'fail';
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
    expect(doubles.requestsOf(run.correlation_id).sort()).toEqual(['nas.scan.requested', 'sheets.sync.requested']);
  });

  it('reacts to system.sync.all published by hand', async () => {
    const correlation = `ops-${randomUUID()}`;
    await publishRawEvent(world.topology, {
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

  describe('incremental: sheets.row.changed', () => {
    const videoFile = (overrides: Partial<VideoFile> & { id: string; path: string }): VideoFile => ({
      root: '/nas',
      size: 1,
      mtime: new Date().toISOString(),
      content_hash: null,
      parsed: null,
      media: null,
      ...overrides,
    });
    const row = (overrides: Record<string, unknown> = {}) => ({
      sheet_id: 'sheet-1',
      tab: 'WSOP',
      row_number: 7,
      row_key: `row-${randomUUID()}`,
      change: 'added',
      row: {
        file_name: 'WSOP_2024_Main_Event_Day1A_Part1.mp4',
        nas_folder_link: '\\\\nas\\poker\\WSOP\\2024',
        in: '01:02:03',
        out: '01:04:05',
        tags: ['bluff', 'hero-call'],
        hand_no: '42',
        players: 'Phil Ivey vs Tom Dwan',
        description: 'Ivey shoves AhKd',
        ...overrides,
      },
    });

    it('makes exactly one create_hand_clip call with the matched file and episode', async () => {
      const media = { duration_s: 7200, frame_rate: '30000/1001', fps: 29.97 };
      doubles.commands['nas.match_file_path'] = async () => ({
        found: true,
        file: videoFile({ id: 'file-1', path: 'WSOP/2024/x.mp4', media }),
      });
      doubles.commands['catalog.match_episode'] = async () => ({
        status: 'matched',
        episode: { id: 'ep-1', title: 'WSOP 2024 Main Event Day 1A Part 1', project_code: 'WSOP' },
        score: 1,
        candidates: [],
      });
      doubles.commands['hands.create_hand_clip'] = async () => ({ id: 'clip-1', status: 'valid', reasons: [] });
      const payload = row();
      const before = doubles.commandCalls.length;
      await publishRawEvent(world.topology, {
        type: 'sheets.row.changed',
        payload: payload,
        correlationId: `row-${payload.row_key}`,
        source: 'D',
      });
      await waitFor(() => doubles.commandCalls.slice(before).some((c) => c.command === 'hands.create_hand_clip'));
      await new Promise((r) => setTimeout(r, 300));
      const calls = doubles.commandCalls.slice(before);
      expect(calls.map((c) => c.command)).toEqual([
        'nas.match_file_path',
        'catalog.match_episode',
        'hands.create_hand_clip',
      ]);
      expect(calls[0].request).toEqual({
        path: '\\\\nas\\poker\\WSOP\\2024',
        file_name: 'WSOP_2024_Main_Event_Day1A_Part1.mp4',
      });
      expect(calls[1].request).toEqual({ title: 'WSOP_2024_Main_Event_Day1A_Part1.mp4', video_file_id: 'file-1' });
      expect(calls[2].request).toEqual({
        video_file_id: 'file-1',
        episode_id: 'ep-1',
        timecode: '01:02:03',
        timecode_end: '01:04:05',
        tags: ['bluff', 'hero-call'],
        source_row_key: `sheet-1:${payload.row_key}`,
        source_sheet: 'sheet-1',
        hand_no: '42',
        players: 'Phil Ivey vs Tom Dwan',
        description: 'Ivey shoves AhKd',
        media,
      });
    });

    it('records a row whose file cannot be found as unmatched, with the reason, and makes no clip', async () => {
      doubles.commands['nas.match_file_path'] = async () => ({
        found: false,
        reason: 'no file named Lost.mp4 under any root',
      });
      const payload = row({ file_name: 'Lost.mp4' });
      const before = doubles.commandCalls.length;
      await publishRawEvent(world.topology, {
        type: 'sheets.row.changed',
        payload: payload,
        correlationId: `row-${payload.row_key}`,
        source: 'D',
      });
      const unmatched = await waitFor(async () => {
        const r = await api('/api/orchestrator/unmatched');
        return r.body.rows.find((u: any) => u.row_key === payload.row_key);
      });
      expect(unmatched).toMatchObject({
        sheet_id: 'sheet-1',
        tab: 'WSOP',
        row_number: 7,
        file_name: 'Lost.mp4',
        reason: 'no file matches: no file named Lost.mp4 under any root',
      });
      expect(doubles.commandCalls.slice(before).map((c) => c.command)).toEqual(['nas.match_file_path']);
    });

    it('tries an unmatched row again once a NAS scan adds files, and makes its clip', async () => {
      let fileIsThere = false;
      doubles.commands['nas.match_file_path'] = async () =>
        fileIsThere
          ? { found: true, file: videoFile({ id: 'file-late', path: 'WSOP/2024/late.mp4' }) }
          : { found: false, reason: 'no file named late.mp4 under any root' };
      doubles.commands['catalog.match_episode'] = async () => ({
        status: 'matched',
        episode: { id: 'ep-late', title: 'WSOP 2024 Day 2', project_code: 'WSOP' },
        score: 1,
        candidates: [],
      });
      doubles.commands['hands.create_hand_clip'] = async () => ({ id: 'clip-late', status: 'valid', reasons: [] });
      const payload = row({ file_name: 'late.mp4' });
      await publishRawEvent(world.topology, {
        type: 'sheets.row.changed',
        payload,
        correlationId: `row-${payload.row_key}`,
        source: 'D',
      });
      const unmatchedRow = async () =>
        (await api('/api/orchestrator/unmatched')).body.rows.find((u: any) => u.row_key === payload.row_key);
      await waitFor(unmatchedRow, { description: 'the row recorded as unmatched' });

      // Earlier tests' syncs may have started a retry pass: let it end first.
      const rowSync = orchestrator.app.get(RowSyncService);
      await rowSync.retriesIdle();
      // A scan that found nothing new does not retry; one that added files does.
      const before = doubles.commandCalls.length;
      await publishRawEvent(world.topology, {
        type: 'nas.scan.completed',
        payload: { added: 0 },
        correlationId: 'scan-none',
        source: 'A',
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(doubles.commandCalls.slice(before)).toEqual([]);
      fileIsThere = true;
      await publishRawEvent(world.topology, {
        type: 'nas.scan.completed',
        payload: { added: 1 },
        correlationId: 'scan-one',
        source: 'A',
      });
      await waitFor(async () => (await unmatchedRow()) === undefined, { description: 'the row matched on retry' });
      // (Rows left unmatched by earlier tests match now too: the double finds every file.)
      const create = doubles.commandCalls
        .slice(before)
        .filter(
          (c) =>
            c.command === 'hands.create_hand_clip' &&
            (c.request as { source_row_key: string }).source_row_key === `sheet-1:${payload.row_key}`,
        );
      expect(create).toHaveLength(1);
      expect(create[0].request).toMatchObject({
        video_file_id: 'file-late',
        episode_id: 'ep-late',
        source_row_key: `sheet-1:${payload.row_key}`,
        timecode: '01:02:03',
      });
    });

    it('records an ambiguous episode as unmatched, naming the candidates, and still makes the clip', async () => {
      doubles.commands['hands.create_hand_clip'] = async () => ({ id: 'clip-amb', status: 'valid', reasons: [] });
      doubles.commands['nas.match_file_path'] = async () => ({
        found: true,
        file: videoFile({ id: 'file-2', path: 'a.mp4' }),
      });
      doubles.commands['catalog.match_episode'] = async () => ({
        status: 'ambiguous',
        episode: null,
        score: null,
        candidates: [
          { id: 'e1', title: 'Day 1A', project_code: 'WSOP', score: 0.61 },
          { id: 'e2', title: 'Day 1B', project_code: 'WSOP', score: 0.6 },
        ],
      });
      const payload = row();
      await publishRawEvent(world.topology, {
        type: 'sheets.row.changed',
        payload: payload,
        correlationId: `row-${payload.row_key}`,
        source: 'D',
      });
      const unmatched = await waitFor(async () => {
        const r = await api('/api/orchestrator/unmatched');
        return r.body.rows.find((u: any) => u.row_key === payload.row_key);
      });
      expect(unmatched.reason).toBe(
        'episode is ambiguous between "Day 1A", "Day 1B" (clip clip-amb made without an episode)',
      );
      // The file is known, so the hand still becomes a (playable) clip, without an episode.
      const create = doubles.commandCalls.find(
        (c) =>
          c.command === 'hands.create_hand_clip' &&
          (c.request as { source_row_key: string }).source_row_key === `sheet-1:${payload.row_key}`,
      );
      expect(create?.request).toMatchObject({ video_file_id: 'file-2', episode_id: null });
    });

    it('removes the clip of a removed row', async () => {
      doubles.commands['hands.remove_hand_clip'] = async () => ({ removed: true });
      const before = doubles.commandCalls.length;
      await publishRawEvent(world.topology, {
        type: 'sheets.row.removed',
        payload: { sheet_id: 'sheet-1', tab: 'WSOP', row_key: 'gone-1' },
        correlationId: 'row-gone',
        source: 'D',
      });
      await waitFor(() => doubles.commandCalls.length > before);
      expect(doubles.commandCalls.slice(before)).toEqual([
        { command: 'hands.remove_hand_clip', request: { source_row_key: 'sheet-1:gone-1' } },
      ]);
    });
  });

  it('streams status changes as server-sent events', async () => {
    doubles.behaviour.A = 'silent'; // the nas run stays open until A answers
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
      await publishRawEvent(world.topology, {
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
