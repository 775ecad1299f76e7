import type { CommandName } from '@pokervod/contracts';
import { startServiceApp } from '@pokervod/service-kit';
import { TEST_API_KEY } from '@pokervod/testing';
import { testWorld } from '@pokervod/test-world';
import { DataSource } from 'typeorm';
import { apiConfigSchema } from '../src/api.config';
import { AppModule } from '../src/app.module';
import { configureApi } from '../src/http/configure-api';
import { ReadModelRefresher } from '../src/read-model/refresher.service';
import { FakeBlocks } from './fake-blocks';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };

/**
 * The real API app in a new test world, configured as in production, and
 * `FakeBlocks` answering the snapshot commands and publishing the blocks'
 * events.
 */
export async function startApi(prefix: string, options: { env?: Record<string, string>; silent?: CommandName[] } = {}) {
  const world = await testWorld(prefix);
  const blocks = new FakeBlocks(world, options.silent);
  const started = await blocks
    .start()
    .then(() =>
      startServiceApp(
        'api',
        apiConfigSchema,
        (config) => AppModule.register(config),
        { ...world.env, API_SNAPSHOT_TIMEOUT_MS: '3000', ...options.env },
        { configure: configureApi },
      ),
    )
    .catch(async (error: unknown) => {
      await blocks.stop().catch(() => undefined);
      await world.cleanUp();
      throw error;
    });
  const { app, url, config } = started;
  const dataSource = app.get(DataSource);
  const refresher = app.get(ReadModelRefresher);

  return {
    db: world.db,
    topology: world.topology,
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
      await world.cleanUp();
    },
  };
}

export type ApiWorld = Awaited<ReturnType<typeof startApi>>;
