import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace, type SpanContext } from '@opentelemetry/api';
import type { ShutdownTelemetry } from './start-telemetry';

// startTelemetry keeps process-wide state (once per process) and registers
// global OTel providers, so every test loads a fresh module and resets the globals.
async function freshStartTelemetry(): Promise<(name: string) => ShutdownTelemetry> {
  jest.resetModules();
  return (await import('./start-telemetry')).startTelemetry;
}

function spanInside(): { spanContext: SpanContext; recording: boolean } {
  return trace.getTracer('spec').startActiveSpan('work', (span) => {
    const result = {
      spanContext: span.spanContext(),
      recording: span.isRecording(),
    };
    span.end();
    return result;
  });
}

describe('startTelemetry', () => {
  const savedEnv = { ...process.env };
  let shutdown: ShutdownTelemetry | undefined;

  beforeEach(() => {
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    delete process.env['OTEL_SDK_DISABLED'];
  });

  afterEach(async () => {
    await shutdown?.();
    shutdown = undefined;
    trace.disable();
    context.disable();
    propagation.disable();
    process.env = { ...savedEnv };
  });

  it('creates real spans with trace ids when export is off', async () => {
    shutdown = (await freshStartTelemetry())('spec-service');

    const { spanContext, recording } = spanInside();

    expect(recording).toBe(true);
    expect(spanContext.traceId).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
  });

  it('is idempotent', async () => {
    const startTelemetry = await freshStartTelemetry();
    shutdown = startTelemetry('spec-service');

    expect(startTelemetry('spec-service')).toBe(shutdown);
    await expect(shutdown()).resolves.toBeUndefined();
    await expect(shutdown()).resolves.toBeUndefined();
  });

  it('does nothing when OTEL_SDK_DISABLED=true', async () => {
    process.env['OTEL_SDK_DISABLED'] = 'true';
    shutdown = (await freshStartTelemetry())('spec-service');

    expect(spanInside().recording).toBe(false);
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    let collector: Server;
    const received: { url: string | undefined; body: string }[] = [];

    beforeAll(async () => {
      collector = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push({ url: req.url, body });
          res.setHeader('content-type', 'application/json');
          res.end('{}');
        });
      });
      collector.listen(0, '127.0.0.1');
      await once(collector, 'listening');
    });

    afterAll(async () => {
      collector.close();
      await once(collector, 'close');
    });

    it('exports spans over OTLP/HTTP with service.name', async () => {
      const { port } = collector.address() as AddressInfo;
      process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = `http://127.0.0.1:${port}`;
      shutdown = (await freshStartTelemetry())('exporting-service');

      const { spanContext } = spanInside();
      await shutdown(); // flushes the batch processor

      const traces = received.filter((r) => r.url === '/v1/traces');
      expect(traces.length).toBeGreaterThan(0);
      const body = traces.map((r) => r.body).join('');
      expect(body).toContain('exporting-service');
      expect(body).toContain(spanContext.traceId);
    });
  });
});
