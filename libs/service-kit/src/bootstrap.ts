import type { DynamicModule, INestApplication, NestApplicationOptions } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { APPS, AppName } from '@pokervod/contracts';
import { MessageBus, connectMessageBus } from '@pokervod/messaging';
import { createPlainLogger } from '@pokervod/telemetry';
import { ConfigError, baseConfigSchema, loadConfig } from './config/service-config';
import { applyHttpEdge } from './http/http-edge';

/**
 * Starts one app: validates its configuration, builds its root module,
 * switches Nest to the JSON logger, enables graceful SIGTERM shutdown, puts
 * helmet and the body limits on its HTTP edge and listens on PORT. A bad configuration stops the app with one clear message.
 */
export async function bootstrapService<S extends z.ZodObject<typeof baseConfigSchema.shape>>(
  app: AppName,
  schema: S,
  rootModule: (config: z.infer<S> & { PORT: number }) => DynamicModule,
  /** App-specific HTTP setup (middleware, OpenAPI) before it listens. */
  configure?: (nest: INestApplication, config: z.infer<S> & { PORT: number }) => void | Promise<void>,
): Promise<INestApplication | undefined> {
  const log = createPlainLogger(app);
  try {
    const config = loadConfig(app, schema);
    const nest = await createServiceApp(rootModule(config), { bufferLogs: true });
    nest.useLogger(nest.get(Logger));
    closeOnSignals(nest, config.SHUTDOWN_TIMEOUT_MS + 5_000, log);
    applyHttpEdge(nest, config);
    await configure?.(nest, config);
    await nest.listen(config.PORT, '0.0.0.0');
    log.info({ port: config.PORT, block: APPS[app].block }, `${app} listening on http://localhost:${config.PORT}`);
    return nest;
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, `${app} failed to start: ${(error as Error).message}`);
    process.exitCode = 1;
    return undefined;
  }
}

/**
 * Creates an app's Nest application the way production does, not yet
 * listening: with its message handlers (`@EventPattern`, `@MessagePattern`)
 * connected to the bus when the app has one. Tests and benchmarks start apps
 * through it too.
 */
export async function createServiceApp(
  rootModule: DynamicModule,
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const nest = await NestFactory.create(rootModule, options);
  if (usesMessageBus(nest)) await connectMessageBus(nest);
  return nest;
}

/** What `startServiceApp` started: the app, where it listens and the configuration it read. */
export interface StartedServiceApp<C> {
  app: INestApplication;
  url: string;
  config: C;
}

/**
 * Starts one app as `bootstrapService` does — its module, helmet and the
 * body limits, then `configure` — but with its configuration read from `env`
 * instead of the process, Nest's own log off (unless `logger` says) and on a
 * free port of 127.0.0.1. For tests and benchmarks; `app.close()` stops it.
 */
export async function startServiceApp<S extends z.ZodObject<typeof baseConfigSchema.shape>>(
  name: AppName,
  schema: S,
  rootModule: (config: z.infer<S> & { PORT: number }) => DynamicModule,
  env: NodeJS.ProcessEnv,
  options: {
    configure?: (nest: INestApplication, config: z.infer<S> & { PORT: number }) => void | Promise<void>;
    logger?: NestApplicationOptions['logger'];
  } = {},
): Promise<StartedServiceApp<z.infer<S> & { PORT: number }>> {
  const config = loadConfig(name, schema, env);
  const app = await createServiceApp(rootModule(config), { logger: options.logger ?? false });
  try {
    applyHttpEdge(app, config);
    await options.configure?.(app, config);
    await app.listen(0, '127.0.0.1');
    return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), config };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/**
 * SIGTERM/SIGINT: run Nest's shutdown hooks (the bus stops consuming,
 * finishes in-flight work and flushes its outbox; connections close), then
 * exit 0. Past the deadline the process exits 1 rather than hang a rollout.
 */
function closeOnSignals(nest: INestApplication, deadlineMs: number, log: ReturnType<typeof createPlainLogger>): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error(`shutdown took longer than ${deadlineMs} ms; exiting`);
      process.exit(1);
    }, deadlineMs).unref();
    nest.close().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

/** Whether any module provides the bus (the dashboard has none). Not `nest.get`: a miss there aborts the process. */
function usesMessageBus(nest: INestApplication): boolean {
  return [...nest.get(ModulesContainer).values()].some((module) => module.providers.has(MessageBus));
}
