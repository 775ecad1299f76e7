import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@pokervod/testing';
import { OtlpReceiver, SpanKind, type ReceivedSpan } from './support/otlp-receiver';
import { TestSystem } from './support/system';

const REPO = join(__dirname, '..');
const BLOCKS = ['orchestrator', 'nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync'] as const;

/**
 * Issue 14 item 2: the spans every app exports (OTLP/HTTP, as to the
 * collector in docker-compose.yml and k8s) join into one trace per sync —
 * the HTTP request that started it, every RabbitMQ publish and consume, the
 * commands between blocks and the Postgres queries — so an operator opens
 * one trace and sees the whole sync across the services.
 */
describe('traces across the services', () => {
  const receiver = new OtlpReceiver();
  const dir = mkdtempSync(join(REPO, 'tmp', 'traces-e2e-'));
  const handLog = join(dir, 'hand-log.csv');
  copyFileSync(join(REPO, 'samples', 'hand-log', 'hand-log.csv'), handLog);

  let system: TestSystem;

  beforeAll(async () => {
    await receiver.start();
    system = new TestSystem(
      BLOCKS,
      {
        POKERVOD_HOME: REPO,
        NAS_ROOTS: join(REPO, 'samples', 'nas'),
        NAS_PATH_PREFIXES: '\\\\nas\\poker=nas',
        NAS_STABLE_SECONDS: '0',
        SHEETS_SOURCES: `file:${handLog}`,
        SHEETS_POLL_SECONDS: '3600',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        // Export every 200 ms instead of every 5 s, so the test does not wait for batches.
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
      { readyTimeoutMs: 240_000 },
    );
    await system.start();
  }, 300_000);

  afterAll(async () => {
    // What the receiver got, for a failing run: tmp/traces-e2e-spans.json.
    writeFileSync(join(REPO, 'tmp', 'traces-e2e-spans.json'), JSON.stringify(receiver.spans));
    await system?.cleanUp();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Starts a sync over HTTP and waits until its run is over; returns its task_id. */
  async function sync(type: 'full' | 'sheets'): Promise<string> {
    const orchestrator = system.app('orchestrator').url;
    const res = await fetch(`${orchestrator}/api/orchestrator/sync?sync_type=${type}`, {
      method: 'POST',
      headers: { 'x-api-key': system.apiKey },
    });
    expect(res.status).toBe(202);
    const { task_id } = (await res.json()) as { task_id: string };
    const run = await waitFor(
      async () => {
        const poll = await fetch(`${orchestrator}/api/orchestrator/runs/${task_id}`);
        const body = await poll.text();
        if (poll.status !== 200) throw new Error(`GET /runs/${task_id}: ${poll.status} ${body}`);
        const view = JSON.parse(body) as { status: string };
        return view.status === 'in_progress' ? null : view;
      },
      { timeoutMs: 120_000, description: `the ${type} sync to finish` },
    );
    expect(run.status).toBe('completed');
    return task_id;
  }

  /**
   * The trace the HTTP request `POST /api/orchestrator/sync?sync_type=<type>`
   * started. Waited for: each process exports its spans on its own schedule,
   * so another service's later spans may arrive first.
   */
  async function traceOfSyncRequest(type: string, after: number): Promise<string> {
    const requests = await waitFor(
      () => {
        const found = receiver.spans
          .slice(after)
          .filter(
            (s) =>
              s.service === 'orchestrator' &&
              s.kind === SpanKind.SERVER &&
              requestTarget(s).includes(`/api/orchestrator/sync?sync_type=${type}`),
          );
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 10_000, intervalMs: 100, description: `the span of the ${type} sync request` },
    );
    expect(requests).toHaveLength(1);
    return requests[0]!.traceId;
  }

  /** Waits until the trace holds spans of every block (the batch exporters flush every 200 ms). */
  async function completeTrace(traceId: string, mustHave: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
    try {
      return await waitFor(
        () => {
          const spans = receiver.trace(traceId);
          return mustHave(spans) ? spans : null;
        },
        { timeoutMs: 20_000, intervalMs: 200, description: `trace ${traceId} to hold every block's spans` },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${describeTrace(receiver.trace(traceId))}`);
    }
  }

  it('one full sync is one trace: the request, ≥ 5 services, RabbitMQ publish/consume and Postgres inside', async () => {
    const before = receiver.spans.length;
    const taskId = await sync('full');
    const traceId = await traceOfSyncRequest('full', before);

    const spans = await completeTrace(traceId, (all) => hasEveryBlock(all) && orphans(all).length === 0);

    const services = new Set(spans.map((s) => s.service));
    expect([...services].sort()).toEqual([...BLOCKS].sort());
    for (const block of BLOCKS) {
      const own = spans.filter((s) => s.service === block);
      expect({ block, consumes: own.some(isRabbitConsume) }).toEqual({ block, consumes: true });
      expect({ block, publishes: own.some(isRabbitPublish) }).toEqual({ block, publishes: true });
      expect({ block, queries: own.some(isPostgres) }).toEqual({ block, queries: true });
    }
    // The four phases' messages are in it, in their producers and consumers.
    for (const [producer, routingKey] of [
      ['orchestrator', 'nas.scan.requested'],
      ['nas-inventory', 'nas.scan.completed'],
      ['catalog', 'catalog.updated'],
      ['orchestrator', 'sheets.sync.requested'],
      ['sheets-sync', 'sheets.sync.completed'],
      ['orchestrator', 'hand.analysis.requested'],
      ['hand-analysis', 'hand.analysis.completed'],
    ] as const) {
      expect({
        producer,
        routingKey,
        published: spans.some((s) => s.service === producer && publishes(s, routingKey)),
      }).toEqual({
        producer,
        routingKey,
        published: true,
      });
    }
    // Every span of the trace hangs from the request: one root, no orphan.
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => [s.service, s.kind, requestTarget(s)])).toEqual([
      ['orchestrator', SpanKind.SERVER, '/api/orchestrator/sync?sync_type=full'],
    ]);
    // Its task_id finds it: the run's messages carry it as their correlation id
    // (docs/operations.md, "Tracing a sync": search Jaeger for messaging.conversation_id).
    expect(new Set(withConversation(receiver.spans, taskId).map((s) => s.traceId))).toEqual(new Set([traceId]));
    expect(receiver.rejected).toEqual([]);
  }, 240_000);

  /*
   * A row change travels in two legs. The first is one trace: the request →
   * sheets.sync.requested → sheets-sync reads the sheet → sheets.row.changed →
   * the orchestrator marks the row. The orchestrator's row reconciler then
   * settles marked rows from its own loop (level-triggered, issue 10), so each
   * of its commands to A, B and C starts a trace of its own, not yet joined to
   * the first leg (neither by trace nor by correlation id: the reconciler does
   * not run in the row's message context). Both legs are asserted as they are.
   */
  it("one sheet row change: request → sheets-sync → orchestrator in one trace; the row's commands to A, B and C traced", async () => {
    // Row 4 (hand 12) ends a second later.
    const csv = readFileSync(handLog, 'utf8');
    const changed = csv.replace(
      'WSOP_2023_Main_Event_Day1A_Part1.mp4,\\\\nas\\poker\\WSOP\\2023,00:00:01,00:00:04,',
      'WSOP_2023_Main_Event_Day1A_Part1.mp4,\\\\nas\\poker\\WSOP\\2023,00:00:01,00:00:05,',
    );
    expect(changed).not.toBe(csv);
    writeFileSync(handLog, changed);

    const before = receiver.spans.length;
    const taskId = await sync('sheets');
    await waitFor(
      async () => {
        const res = await fetch(`${system.app('hand-analysis').url}/api/hands/clips?limit=500`);
        const { items } = (await res.json()) as { items: { hand_no: string; out: { text: string } }[] };
        return items.find((c) => c.hand_no === '12' && c.out.text === '00:00:05');
      },
      { timeoutMs: 60_000, description: 'the changed clip' },
    );

    // Leg 1: one trace from the request to the orchestrator consuming the row change.
    const rowChange = await waitFor(
      () => receiver.spans.slice(before).find((s) => s.service === 'sheets-sync' && publishes(s, 'sheets.row.changed')),
      { timeoutMs: 10_000, description: 'the publish of sheets.row.changed' },
    );
    expect(rowChange.traceId).toBe(await traceOfSyncRequest('sheets', before));
    const leg1 = await completeTrace(
      rowChange.traceId,
      (all) =>
        orphans(all).length === 0 &&
        all.some((s) => s.service === 'orchestrator' && isRabbitConsume(s) && routingKeyOf(s) === 'sheets.row.changed'),
    );
    for (const block of ['orchestrator', 'sheets-sync']) {
      const own = leg1.filter((s) => s.service === block);
      expect({
        block,
        publishes: own.some(isRabbitPublish),
        consumes: own.some(isRabbitConsume),
        queries: own.some(isPostgres),
      }).toEqual({
        block,
        publishes: true,
        consumes: true,
        queries: true,
      });
    }
    expect(leg1.filter((s) => !s.parentSpanId).map((s) => [s.service, requestTarget(s)])).toEqual([
      ['orchestrator', '/api/orchestrator/sync?sync_type=sheets'],
    ]);
    // The task_id finds it (its messages carry it as their correlation id).
    expect(withConversation(receiver.spans, taskId).map((s) => s.traceId)).toContain(rowChange.traceId);

    // Leg 2: the row's commands, each one trace from the orchestrator's publish to the block's work in Postgres.
    for (const [block, command] of [
      ['nas-inventory', 'nas.match_file_path'],
      ['catalog', 'catalog.match_episode'],
      ['hand-analysis', 'hands.create_hand_clip'],
    ] as const) {
      const consumed = await waitFor(
        () =>
          receiver.spans
            .slice(before)
            .find((s) => s.service === block && isRabbitConsume(s) && routingKeyOf(s) === command),
        { timeoutMs: 10_000, description: `${block} consuming ${command}` },
      );
      const trace = await completeTrace(consumed.traceId, (all) =>
        all.some((s) => s.service === block && isPostgres(s)),
      );
      expect({ command, asked: trace.some((s) => s.service === 'orchestrator' && publishes(s, command)) }).toEqual({
        command,
        asked: true,
      });
    }
  }, 240_000);
});

function hasEveryBlock(spans: ReceivedSpan[]): boolean {
  return BLOCKS.every((block) => spans.some((s) => s.service === block && s.kind === SpanKind.CONSUMER));
}

/** Spans whose parent has not arrived (yet): a parent ends, so is exported, after its children. */
function orphans(spans: ReceivedSpan[]): ReceivedSpan[] {
  const ids = new Set(spans.map((s) => s.spanId));
  return spans.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId));
}

/** The publish spans of messages whose AMQP correlation id is `correlationId` (a run's task_id). */
function withConversation(spans: ReceivedSpan[], correlationId: string): ReceivedSpan[] {
  return spans.filter((s) => isRabbitPublish(s) && s.attributes['messaging.conversation_id'] === correlationId);
}

function requestTarget(span: ReceivedSpan): string {
  const a = span.attributes;
  if (typeof a['http.target'] === 'string') return a['http.target'];
  return `${a['url.path'] ?? ''}${a['url.query'] ? `?${a['url.query']}` : ''}`;
}

function isRabbitPublish(span: ReceivedSpan): boolean {
  return span.kind === SpanKind.PRODUCER && span.attributes['messaging.system'] === 'rabbitmq';
}

function isRabbitConsume(span: ReceivedSpan): boolean {
  return span.kind === SpanKind.CONSUMER && span.attributes['messaging.system'] === 'rabbitmq';
}

function isPostgres(span: ReceivedSpan): boolean {
  return span.kind === SpanKind.CLIENT && span.attributes['db.system'] === 'postgresql';
}

function routingKeyOf(span: ReceivedSpan): unknown {
  return (
    span.attributes['messaging.rabbitmq.routing_key'] ?? span.attributes['messaging.rabbitmq.destination.routing_key']
  );
}

function publishes(span: ReceivedSpan, routingKey: string): boolean {
  return isRabbitPublish(span) && routingKeyOf(span) === routingKey;
}

function describeTrace(spans: ReceivedSpan[]): string {
  return spans
    .map((s) => `${s.service} kind=${s.kind} ${s.name} ${JSON.stringify(s.attributes).slice(0, 160)}`)
    .join('\n');
}
