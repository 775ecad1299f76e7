import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { currentMessageContext } from './correlation-context';
import { isHealthPath } from './health-paths';

/** Paths pino replaces with "[Redacted]" before a line is written. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-pokervod-webhook-secret"]',
  '*.password',
  '*.private_key',
  '*.token',
];

/** Fields joined to every log line: the message being handled and the active trace. */
export interface LogCorrelation {
  correlation_id?: string;
  event_id?: string;
  trace_id?: string;
  span_id?: string;
}

export function logCorrelation(): LogCorrelation {
  return { ...messageFields(), ...traceFields() };
}

function messageFields(): LogCorrelation {
  const ctx = currentMessageContext();
  if (!ctx) return {};
  return ctx.eventId
    ? { correlation_id: ctx.correlationId, event_id: ctx.eventId }
    : { correlation_id: ctx.correlationId };
}

function traceFields(): LogCorrelation {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** The pino options shared by the Nest logger and the plain logger. */
export function baseLoggerOptions(serviceName: string, level: string): LoggerOptions {
  return {
    level,
    base: { service: serviceName, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names rather than numbers: log queries and humans read them directly.
    formatters: { level: (label) => ({ level: label }) },
    mixin: logCorrelation,
    redact: { paths: [...REDACTED_PATHS] },
  };
}

/** Options for nestjs-pino: `LoggerModule.forRoot({ pinoHttp: pinoLoggerOptions('api', 'info') })`. */
export function pinoLoggerOptions(serviceName: string, level = 'info'): PinoHttpOptions {
  return {
    ...baseLoggerOptions(serviceName, level),
    genReqId: requestId,
    autoLogging: { ignore: (req) => isHealthPath(originalUrl(req)) },
  };
}

/** A pino logger with the same fields and redaction, for scripts and jobs outside Nest. */
export function createPlainLogger(
  serviceName: string,
  level: string = process.env['LOG_LEVEL'] ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = baseLoggerOptions(serviceName, level);
  return destination ? pino(options, destination) : pino(options);
}

// A caller (or a proxy) that already named the request keeps its id, so the
// same request can be followed across services; anything odd-looking is
// replaced because it is client input written into every line.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

// Express rewrites req.url inside mounted routers; originalUrl keeps the full path.
function originalUrl(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}
