import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { isHealthPath } from './health-paths';

export type ShutdownTelemetry = () => Promise<void>;

let running: ShutdownTelemetry | undefined;

/**
 * Starts OpenTelemetry tracing for this process, once. Call it before NestJS,
 * `pg` or `amqplib` are imported (an app's first import is `./instrument`),
 * because the instrumentations patch those modules as they load.
 */
export function startTelemetry(serviceName: string): ShutdownTelemetry {
  if (running) return running;
  if (isDisabled()) {
    running = async () => undefined;
    return running;
  }
  const sdk = new NodeSDK({
    serviceName,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => isHealthPath(req.url),
      }),
      new PgInstrumentation(),
      new AmqplibInstrumentation(),
    ],
    spanProcessors: spanProcessors(),
    // Logs go to stdout as JSON (see logger.ts); without this NodeSDK would
    // also ship them to an OTLP endpoint that usually does not exist.
    logRecordProcessors: [],
  });
  sdk.start();
  running = once(() => sdk.shutdown());
  return running;
}

/** Flushes and stops tracing if it was started; for graceful shutdown. */
export function shutdownTelemetry(): Promise<void> {
  return running ? running() : Promise.resolve();
}

function isDisabled(): boolean {
  return process.env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true';
}

function exportEndpoint(): string | undefined {
  const endpoint = process.env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  return endpoint ? endpoint : undefined;
}

function spanProcessors(): tracing.SpanProcessor[] {
  if (exportEndpoint()) {
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT itself and appends /v1/traces.
    return [new tracing.BatchSpanProcessor(new OTLPTraceExporter())];
  }
  // Not an empty list: NodeSDK only registers its tracer provider (and the
  // context manager) when there is at least one processor, and without that
  // there would be no real spans, so no trace ids in the logs.
  return [new tracing.NoopSpanProcessor()];
}

function once(fn: () => Promise<void>): ShutdownTelemetry {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
