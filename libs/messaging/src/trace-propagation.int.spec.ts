import { trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { EventType } from '@pokervod/contracts';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { deleteTopology, quietLogger, TEST_AMQP_URL, uniqueTopology, waitFor } from '@pokervod/testing';
import { MessageBus } from './core/message-bus';

describe('W3C trace context across the bus', () => {
  const topology = uniqueTopology('trace');
  const exporter = new tracing.InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
  const buses: MessageBus[] = [];

  beforeAll(() => provider.register());
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.stop()));
    await deleteTopology(topology);
    await provider.shutdown();
  });

  const bus = (app: string) => {
    const b = new MessageBus({
      url: TEST_AMQP_URL,
      app,
      block: 'A',
      retryPolicy: RETRY_POLICIES.E,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: quietLogger,
    });
    buses.push(b);
    return b;
  };

  it('continues the publisher’s trace in the consumer, with traceparent in the headers', async () => {
    const seen: { traceId?: string; parentTraceId?: string }[] = [];
    const consumer = bus('catalog');
    consumer.on(EventType.CATALOG_UPDATE_REQUESTED, () => {
      seen.push({ traceId: trace.getActiveSpan()?.spanContext().traceId });
    });
    await consumer.start();
    const producer = bus('orchestrator');
    await producer.start();

    const tracer = trace.getTracer('test');
    const traceId = await tracer.startActiveSpan('sync request', async (span) => {
      await producer.publish(EventType.CATALOG_UPDATE_REQUESTED, {});
      span.end();
      return span.spanContext().traceId;
    });

    await waitFor(() => seen.length === 1, { description: 'delivery' });
    expect(seen[0].traceId).toBe(traceId);
    const consumerSpan = exporter.getFinishedSpans().find((s) => s.name === 'catalog.update.requested process');
    expect(consumerSpan?.spanContext().traceId).toBe(traceId);
  });
});
