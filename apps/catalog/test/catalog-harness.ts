import { randomUUID } from 'node:crypto';
import amqplib, { ChannelModel, ConfirmChannel } from 'amqplib';
import { Client } from 'pg';
import {
  CommandName,
  CommandRequest,
  CommandResponse,
  EventEnvelope,
  EventType,
  ParsedMetadata,
  VideoFile,
} from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { startServiceApp } from '@pokervod/service-kit';
import { TEST_API_KEY, waitFor } from '@pokervod/testing';
import { TestWorld, testWorld, useAppInWorld } from '@pokervod/test-world';
import { AppModule } from '../src/app.module';
import { catalogConfigSchema } from '../src/catalog.config';

/** Re-exported for this app's specs. */
export { TEST_API_KEY };

/** The real catalog app, in this process, on `world`'s database and broker names, listening on a free port. */
export function startCatalog(world: Pick<TestWorld, 'env'>, env: Record<string, string> = {}) {
  return startServiceApp(
    'catalog',
    catalogConfigSchema,
    (config) => AppModule.register(config),
    { ...world.env, CATALOG_UPDATED_DEBOUNCE_MS: '200', ...env },
    { logger: process.env['CATALOG_TEST_LOGS'] ? ['error', 'warn'] : false },
  );
}

/** A test world with the rest of the system as the catalog sees it (started) and a client on its database (connected). */
export interface CatalogWorld extends TestWorld {
  system: SystemStandIn;
  pg: Client;
}

export async function catalogWorld(prefix: string): Promise<CatalogWorld> {
  const world = await testWorld(prefix);
  const system = new SystemStandIn(world);
  const pg = new Client({ connectionString: world.db.url });
  let connected = false;
  const cleanUp = async () => {
    if (connected) await pg.end().catch(() => undefined);
    await system.stop();
    await world.cleanUp();
  };
  try {
    await system.start();
    await pg.connect();
    connected = true;
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { ...world, system, pg, cleanUp };
}

/**
 * For one test file: a `catalogWorld` and the catalog app in it, before its
 * tests, stopped after them (see `useAppInWorld`). Read `url`, `app`,
 * `system` and `pg` inside the tests.
 */
export function useCatalogInWorld(prefix: string, env: Record<string, string> = {}) {
  return useAppInWorld(
    () => catalogWorld(prefix),
    async (world) => ({ ...(await startCatalog(world, env)), system: world.system, pg: world.pg }),
  );
}

/** Publishes `nas.file.added` for each file and waits until the catalog holds them all. */
export async function placeFiles(world: Pick<CatalogWorld, 'system' | 'pg'>, files: VideoFile[]): Promise<void> {
  await world.system.publish(files.map((f) => added(f)));
  await waitFor(
    async () => (await world.pg.query(`SELECT count(*)::int AS n FROM catalog.files`)).rows[0].n === files.length,
    { timeoutMs: 15_000, description: 'files placed' },
  );
}

/**
 * The rest of the system, as far as the catalog can tell: publishes NAS
 * events the way block A's outbox does (with the ids and timestamps the test
 * chooses), records what the catalog emits, and sends it commands.
 */
export class SystemStandIn {
  readonly seen: EventEnvelope[] = [];
  private readonly bus: MessageBus;
  private connection: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;

  constructor(private readonly world: Pick<TestWorld, 'bus'>) {
    this.bus = new MessageBus({
      ...world.bus,
      app: 'system-stand-in',
      block: 'orchestrator',
      retryPolicy: RETRY_POLICIES.E,
    });
    this.bus.on('catalog.#', (e) => void this.seen.push(e));
    this.bus.on(EventType.BLOCK_STATUS, (e) => void this.seen.push(e));
  }

  async start(): Promise<void> {
    await this.bus.start();
    this.connection = await amqplib.connect(this.world.bus.url);
    this.channel = await this.connection.createConfirmChannel();
  }

  async stop(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.bus.stop();
  }

  of(type: EventType, correlationId?: string): EventEnvelope[] {
    return this.seen.filter(
      (e) => e.type === type && (correlationId === undefined || e.correlation_id === correlationId),
    );
  }

  /** Publishes envelopes (an id repeated is a redelivery) and waits for the broker's confirms. */
  async publish(envelopes: EventEnvelope[]): Promise<void> {
    const ch = this.channel;
    if (!ch) throw new Error('the stand-in is not started');
    for (const e of envelopes) {
      ch.publish(this.world.bus.exchange, e.type, Buffer.from(JSON.stringify(e)), {
        persistent: true,
        messageId: e.id,
        correlationId: e.correlation_id,
        type: e.type,
      });
    }
    await ch.waitForConfirms();
  }

  request<C extends CommandName>(name: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    return this.bus.request(name, payload, { timeoutMs: 10_000 });
  }
}

let clock = Date.parse('2026-01-01T00:00:00Z');

/** A NAS event envelope; timestamps increase with each call unless given. */
export function nasEvent<T extends EventType>(
  type: T,
  payload: Record<string, unknown>,
  opts: { id?: string; timestamp?: string; correlationId?: string } = {},
): EventEnvelope {
  clock += 1000;
  return {
    id: opts.id ?? randomUUID(),
    type,
    payload,
    timestamp: opts.timestamp ?? new Date(clock).toISOString(),
    source_block: 'A',
    correlation_id: opts.correlationId ?? randomUUID(),
    causation_id: null,
    version: 1,
  };
}

/** A VideoFile as block A sends it, parsed by the real parser (or with the given parse). */
export function videoFile(
  id: string,
  path: string,
  opts: { root?: string; parsed?: ParsedMetadata | null } = {},
): VideoFile {
  return {
    id,
    root: opts.root ?? 'media',
    path,
    size: 1000,
    mtime: '2025-06-01T00:00:00.000Z',
    content_hash: null,
    parsed: opts.parsed === undefined ? parseFilename(path) : opts.parsed,
    media: null,
  };
}

export const added = (file: VideoFile, opts?: Parameters<typeof nasEvent>[2]) =>
  nasEvent(EventType.NAS_FILE_ADDED, { file }, opts);
export const moved = (file: VideoFile, from: string, opts?: Parameters<typeof nasEvent>[2]) =>
  nasEvent(EventType.NAS_FILE_MOVED, { file, from: { root: file.root, path: from } }, opts);
export const removed = (file: VideoFile, opts?: Parameters<typeof nasEvent>[2]) =>
  nasEvent(
    EventType.NAS_FILE_REMOVED,
    { file_id: file.id, root: file.root, path: file.path, missing_since: '2026-02-01T00:00:00.000Z' },
    opts,
  );

/** Fisher–Yates with a seeded generator: the same "random" order on every run. */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
