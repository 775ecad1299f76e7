import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { runWithMessageContext } from './correlation-context';
import { createPlainLogger, pinoLoggerOptions } from './logger';

type LogLine = Record<string, unknown>;

/** A pino destination that keeps every written line, parsed. */
function captureStream(): {
  stream: pino.DestinationStream;
  lines: LogLine[];
  raw: string[];
} {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = {
    write(chunk: string): void {
      raw.push(chunk);
      lines.push(JSON.parse(chunk) as LogLine);
    },
  };
  return { stream, lines, raw };
}

const ctx = {
  correlationId: 'corr-1',
  causationId: 'cause-1',
  eventId: 'evt-1',
};

describe('log correlation mixin', () => {
  it('adds correlation_id inside runWithMessageContext, across awaits', async () => {
    const { stream, lines } = captureStream();
    const logger = createPlainLogger('catalog', 'info', stream);

    await runWithMessageContext(ctx, async () => {
      logger.info('before await');
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('after await');
    });

    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({
        service: 'catalog',
        level: 'info',
        correlation_id: 'corr-1',
        event_id: 'evt-1',
      });
    }
  });

  it('adds no correlation_id outside a message context', () => {
    const { stream, lines } = captureStream();
    const logger = createPlainLogger('catalog', 'info', stream);

    logger.info('no message');

    expect(lines[0]).not.toHaveProperty('correlation_id');
    expect(lines[0]).not.toHaveProperty('event_id');
  });

  it('keeps concurrent message contexts apart', async () => {
    const { stream, lines } = captureStream();
    const logger = createPlainLogger('catalog', 'info', stream);
    const handle = (id: string, delayMs: number) =>
      runWithMessageContext({ correlationId: id, causationId: null, eventId: null }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        logger.info({ handled: id }, 'done');
      });

    await Promise.all([handle('slow', 20), handle('fast', 1)]);

    expect(lines.map((l) => [l['handled'], l['correlation_id']])).toEqual([
      ['fast', 'fast'],
      ['slow', 'slow'],
    ]);
  });
});

describe('log trace fields', () => {
  const provider = new NodeTracerProvider();

  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('adds trace_id and span_id of the active span', () => {
    const { stream, lines } = captureStream();
    const logger = createPlainLogger('api', 'info', stream);

    const spanContext = trace.getTracer('spec').startActiveSpan('work', (span) => {
      logger.info('inside span');
      span.end();
      return span.spanContext();
    });

    expect(spanContext.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]).toMatchObject({
      trace_id: spanContext.traceId,
      span_id: spanContext.spanId,
    });
  });

  it('adds no trace_id outside a span', () => {
    const { stream, lines } = captureStream();
    createPlainLogger('api', 'info', stream).info('no span');

    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});

describe('redaction', () => {
  it('hides secrets nested in logged objects', () => {
    const { stream, lines, raw } = captureStream();
    const logger = createPlainLogger('sheets-sync', 'info', stream);

    logger.info(
      {
        db: { password: 'pw-1' },
        google: { private_key: 'pk-1' },
        auth: { token: 'tk-1' },
      },
      'config',
    );

    expect(lines[0]).toMatchObject({
      db: { password: '[Redacted]' },
      google: { private_key: '[Redacted]' },
      auth: { token: '[Redacted]' },
    });
    expect(raw.join('')).not.toMatch(/pw-1|pk-1|tk-1/);
  });
});

describe('pinoLoggerOptions with pino-http', () => {
  let server: Server;
  let port: number;
  let capture: ReturnType<typeof captureStream>;

  beforeAll(async () => {
    capture = captureStream();
    const middleware = pinoHttp(pinoLoggerOptions('api', 'info'), capture.stream);
    server = createServer((req, res) => {
      middleware(req, res);
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  beforeEach(() => {
    capture.lines.length = 0;
    capture.raw.length = 0;
  });

  it('logs a request as JSON with the service field and hides the x-api-key header', async () => {
    await get('/api/videos', {
      'x-api-key': 'super-secret-key',
      'x-pokervod-webhook-secret': 'wh-value-1',
    });
    const line = await firstLine();

    expect(line).toMatchObject({
      service: 'api',
      level: 'info',
      msg: 'request completed',
      req: {
        url: '/api/videos',
        headers: {
          'x-api-key': '[Redacted]',
          'x-pokervod-webhook-secret': '[Redacted]',
        },
      },
      res: { statusCode: 200 },
    });
    expect(capture.raw.join('')).not.toMatch(/super-secret-key|wh-value-1/);
  });

  it('keeps a well-formed x-request-id and replaces a malformed one', async () => {
    await get('/a', { 'x-request-id': 'abc-123' });
    await get('/b', { 'x-request-id': 'has spaces <and> tags' });
    await waitFor(() => capture.lines.length >= 2);

    expect(capture.lines[0]?.['req']).toMatchObject({ id: 'abc-123' });
    expect(capture.lines[1]?.['req']).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('does not log health and metrics probes', async () => {
    await get('/health/ready');
    await get('/health/live');
    await get('/metrics');
    await get('/after-probes');
    await firstLine();

    expect(capture.lines.map((l) => (l['req'] as { url: string }).url)).toEqual(['/after-probes']);
  });

  function get(path: string, headers: Record<string, string> = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  }

  async function firstLine(): Promise<LogLine> {
    await waitFor(() => capture.lines.length > 0);
    return capture.lines[0] as LogLine;
  }
});

// pino-http writes its line on the response's 'finish', which can land just
// after the client has read the body.
async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
