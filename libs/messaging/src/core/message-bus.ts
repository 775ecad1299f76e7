/**
 * The facade apps use: `MessageBus` wires one app's AMQP link, inbox/outbox
 * store and relay, publisher, consume pipeline, command server and client,
 * and dead-letter access together, and runs their lifecycle. The work is in
 * the parts — publishing in `event-publisher.ts`, consuming in
 * `event-consumer.ts` (how a delivery ends in `settlement.ts`), commands in
 * `commands.ts` — so each can be read alone; this file keeps the public API.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CommandName,
  CommandRequest,
  CommandResponse,
  EventEnvelope,
  EventPayload,
  EventPayloadInput,
  EventType,
  SourceBlock,
} from '@pokervod/contracts';
import { RetryPolicy } from '@pokervod/resilience';
import { AmqpLink, BusLogger, consoleBusLogger } from './amqp-link';
import { MessageStore, OutboxRelay } from './outbox';
import { TopologyNames, topologyNames } from './topology';
import { busMetrics } from './metrics';
import { CommandServer, CommandClient, CommandHandler, RequestOptions } from './commands';
import { DeadLetter, DeadLetterQueue } from './dead-letters';
import { EventPublisher, PendingEvent } from './event-publisher';
import { EventConsumer } from './event-consumer';
import type { BatchOptions, EventHandler, HandlerOptions } from './handler';

export type { BatchOptions, EventHandler, HandlerContext, HandlerOptions } from './handler';
export type { PendingEvent } from './event-publisher';
export { messageProperties } from './event-publisher';

export interface MessageBusOptions {
  url: string;
  /** App name: names the queues (`pokervod.<app>`). */
  app: string;
  block: SourceBlock;
  retryPolicy: RetryPolicy;
  exchange?: string;
  commandExchange?: string;
  queuePrefix?: string;
  /** Unacked deliveries per consumer; bounds concurrent handlers. */
  prefetch?: number;
  /** With a data source the bus keeps an inbox and an outbox in `schema`. */
  dataSource?: DataSource;
  schema?: string;
  connectionName?: string;
  logger?: BusLogger;
  outboxPollMs?: number;
  /** How long `stop()` waits for in-flight handlers. */
  drainTimeoutMs?: number;
  /** How handlers registered with `batch` take their deliveries. */
  batch?: BatchOptions;
}

/**
 * The RabbitMQ event bus and command client of one app
 * (docs/architecture.md#messaging-topology): a durable queue bound to the
 * event types it handles, ack after commit, retries through delay queues, a
 * dead-letter queue with reasons, inbox/outbox, and request/reply commands
 * over direct reply-to.
 */
export class MessageBus {
  readonly names: TopologyNames;
  private readonly link: AmqpLink;
  private readonly logger: BusLogger;
  private readonly metrics = busMetrics();
  private readonly store: MessageStore | null;
  private readonly relay: OutboxRelay | null;
  private readonly publisher: EventPublisher;
  private readonly consumer: EventConsumer;
  private readonly commandServer: CommandServer;
  private readonly commandClient: CommandClient;
  readonly deadLetters: DeadLetterQueue;
  private stopping = false;
  private started = false;

  constructor(private readonly options: MessageBusOptions) {
    this.names = topologyNames(options);
    this.logger = options.logger ?? consoleBusLogger;
    this.link = new AmqpLink(
      options.url,
      options.connectionName ?? AmqpLink.defaultConnectionName(options.app),
      this.logger,
    );
    this.store = options.dataSource ? new MessageStore(options.schema ?? 'public') : null;
    this.publisher = new EventPublisher(this.link, this.names, options.app, options.block, this.store, this.metrics);
    this.relay =
      options.dataSource && this.store
        ? new OutboxRelay(
            options.dataSource,
            this.store,
            (e) => this.publisher.send(e),
            this.logger,
            options.outboxPollMs ?? 1000,
          )
        : null;
    this.consumer = new EventConsumer(
      this.link,
      this.names,
      options,
      this.publisher,
      this.store,
      this.relay,
      this.logger,
      this.metrics,
    );
    this.commandServer = new CommandServer(this.link, this.names, options.app, this.logger, this.metrics);
    this.commandClient = new CommandClient(this.link, this.names, options.app);
    this.deadLetters = new DeadLetterQueue(options.url, this.names);
  }

  get app(): string {
    return this.options.app;
  }

  // ---- registration -------------------------------------------------------

  /** Handle events whose type matches `pattern` (an event type, or a topic pattern like `nas.file.*`). */
  on<T extends EventType>(pattern: T | string, handle: EventHandler<T>, opts: HandlerOptions = {}): void {
    if (this.started) throw new Error('register handlers before start()');
    this.consumer.register(pattern, handle, opts);
  }

  /** Answer command `name` (request/reply). */
  handleCommand<C extends CommandName>(name: C, handler: CommandHandler<C>): void {
    if (this.started) throw new Error('register command handlers before start()');
    this.commandServer.register(name, handler);
  }

  // ---- lifecycle ----------------------------------------------------------

  /** Declares the topology and attaches consumers; resolves once connected and consuming. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.consumer.start();
    await this.commandServer.start();
    await this.commandClient.start();
    await this.publisher.waitForConnect();
    await this.consumer.waitForConnect();
    this.relay?.start();
  }

  /** Stops consuming, lets in-flight handlers finish, flushes the outbox, closes. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.publisher.stopRetrying();
    await this.consumer.stopConsuming();
    await this.commandServer.stop();
    await this.consumer.drain(this.options.drainTimeoutMs ?? 10_000);
    await this.relay?.stop();
    this.commandClient.stop();
    await this.link.close();
  }

  /** Empty when connected with every consumer attached; otherwise what is wrong. */
  readinessProblems(): string[] {
    return this.link.problems();
  }

  isReady(): boolean {
    return this.readinessProblems().length === 0;
  }

  // ---- publishing ---------------------------------------------------------

  /**
   * Publishes an event and resolves when the broker confirmed it. Inside a
   * handler the correlation id and causation are carried over automatically.
   */
  publish<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope> {
    return this.publisher.publish(type, payload, opts.correlationId);
  }

  /** Writes the event to the outbox inside the caller's transaction; it is sent after commit. */
  publishInTransaction<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloadInput<T>,
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope> {
    return this.publisher.publishInTransaction(manager, type, payload, opts.correlationId);
  }

  /**
   * Many events into the outbox in a few multi-row INSERTs, inside the
   * caller's transaction (one round trip per thousand events instead of one
   * per event); sent after commit like `publishInTransaction`'s.
   */
  publishManyInTransaction(
    manager: EntityManager,
    events: readonly PendingEvent[],
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope[]> {
    return this.publisher.publishManyInTransaction(manager, events, opts.correlationId);
  }

  /** Sends what committed transactions left in the outbox now, instead of at the next poll. */
  flushOutbox(): Promise<void> {
    return this.relay?.flush() ?? Promise.resolve();
  }

  // ---- commands -----------------------------------------------------------

  request<C extends CommandName>(
    name: C,
    payload: CommandRequest<C>,
    opts: RequestOptions = {},
  ): Promise<CommandResponse<C>> {
    return this.commandClient.request(name, payload, opts);
  }

  /** Asks one app whether it is alive (every app answers `system.ping.<app>`). */
  ping(app: string, timeoutMs = 2000): Promise<CommandResponse<'system.ping'>> {
    return this.commandClient.request('system.ping', { target: app }, { timeoutMs, routingKey: `system.ping.${app}` });
  }

  // ---- dead letters -------------------------------------------------------

  listDeadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.deadLetters.list(limit);
  }

  /** Puts dead letters back on this app's queue with a fresh attempt count. */
  replayDeadLetters(limit = 100): Promise<number> {
    return this.deadLetters.replay(limit);
  }
}

export const newCorrelationId = (): string => randomUUID();

/** The envelope of an event of type T, with its validated payload. */
export type EventOf<T extends EventType> = EventEnvelope<EventPayload<T>>;
