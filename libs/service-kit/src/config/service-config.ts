import * as path from 'node:path';
import { z } from 'zod';
import { APPS, AppName } from '@pokervod/contracts';
import { DEFAULT_COMMAND_EXCHANGE } from '@pokervod/messaging';

/** Where the repo (and its `samples/`) lives; `npm start` runs from it. */
export const POKERVOD_HOME = process.env['POKERVOD_HOME'] ?? process.cwd();

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')} URL`,
  );

/** The environment every app reads, with its defaults (docs/architecture.md#configuration). */
export const baseConfigSchema = z.object({
  AMQP_URL: url(['amqp:', 'amqps:']).default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_PREFETCH: z.coerce.number().int().min(1).max(1000).default(32),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/pokervod'),
  NAS_ROOTS: z
    .string()
    .min(1)
    .default(path.join(POKERVOD_HOME, 'samples', 'nas')),
  SHEETS_SOURCES: z
    .string()
    .min(1)
    // Relative to POKERVOD_HOME, so the source id (and every row key) is the same on every machine.
    .default('file:samples/hand-log/hand-log.csv'),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Operator key for mutating endpoints (sync triggers, dead-letter replay). Unset: those are refused. */
  ORCHESTRATOR_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Prefix of RabbitMQ queue names and the exchanges' names; tests set their own. */
  AMQP_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('pokervod'),
  AMQP_EXCHANGE: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('pokervod.events'),
  AMQP_COMMAND_EXCHANGE: z
    .string()
    .regex(/^[\w.-]+$/)
    .default(DEFAULT_COMMAND_EXCHANGE),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Largest JSON or form body an app reads (body-parser's syntax: `100kb`, `1mb`); bigger ones get 413. */
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size like 100kb or 1mb')
    .default('100kb'),
  /** Requests per client and route within the window on rate-limited routes (mutations, dead letters); then 429. */
  HTTP_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  HTTP_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(60_000),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once, at start-up, into a typed object. Secrets
 * never appear in the error: only the variable name and what is wrong.
 */
export function loadConfig<S extends z.ZodObject>(
  app: AppName,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> & { PORT: number } {
  const withPort = schema.extend({ PORT: z.coerce.number().int().min(1).max(65535).default(APPS[app].port) });
  // Empty strings mean "unset" (docker-compose and k8s often pass them).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = withPort.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      app,
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return result.data as z.infer<S> & { PORT: number };
}
