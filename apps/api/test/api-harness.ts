import type { INestApplication } from '@nestjs/common';
import type { CommandName } from '@pokervod/contracts';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_API_KEY,
  TestDatabase,
  TestTopology,
  uniqueTopology,
} from '@pokervod/testing';
import { DataSource } from 'typeorm';
import { apiConfigSchema } from '../src/api.config';
import { AppModule } from '../src/app.module';
import { configureApi } from '../src/http/configure-api';
import { ReadModelRefresher } from '../src/read-model/refresher.service';
import { FakeBlocks } from './fake-blocks';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };

/**
 * The real API app on a migrated test database and its own RabbitMQ names,
 * configured as in production, and `FakeBlocks` answering the snapshot
 * commands and publishing the blocks' events.
 */
export async function startApi(
  prefix: string,
  options: { env?: Record<string, string>; silent?: CommandName[]; db?: TestDatabase } = {},
) {
  const db: TestDatabase = options.db ?? (await createTestDatabase(prefix));
  const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
  if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
  const topology: TestTopology = uniqueTopology(prefix);
  const blocks = new FakeBlocks(topology, options.silent);
  await blocks.start();
  const config = loadConfig('api', apiConfigSchema, {
    DATABASE_URL: db.url,
    AMQP_URL: TEST_AMQP_URL,
    AMQP_EXCHANGE: topology.exchange,
    AMQP_COMMAND_EXCHANGE: topology.commandExchange,
    AMQP_QUEUE_PREFIX: topology.queuePrefix,
    ORCHESTRATOR_API_KEY: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    API_SNAPSHOT_TIMEOUT_MS: '3000',
    ...options.env,
  });
  const app: INestApplication = await createServiceApp(AppModule.register(config), { logger: false });
  applyHttpEdge(app, config);
  configureApi(app, config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get(DataSource);
  const refresher = app.get(ReadModelRefresher);

  return {
    db,
    topology,
    app,
    url,
    blocks,
    dataSource,
    refresher,
    config,
    async get<T = unknown>(
      path: string,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; body: T; headers: Headers }> {
      const res = await fetch(`${url}${path}`, { headers, redirect: 'manual' });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the text
      }
      return { status: res.status, body: body as T, headers: res.headers };
    },
    query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
      return dataSource.query(sql, params);
    },
    async stop(): Promise<void> {
      await blocks.stop().catch(() => undefined);
      await app.close().catch(() => undefined);
      await deleteTopology(topology).catch(() => undefined);
      if (!options.db) await db.drop();
    },
  };
}

export type ApiWorld = Awaited<ReturnType<typeof startApi>>;
