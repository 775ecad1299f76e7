import { randomUUID } from 'node:crypto';
import type { Channel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { DataSource, EntityManager } from 'typeorm';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
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
import { RetryPolicy, canRetry, retryDelayMs, retryDelays } from '@pokervod/resilience';
import { currentMessageContext, runWithMessageContext } from '@pokervod/telemetry';
import { AmqpLink, BusLogger, consoleBusLogger } from './amqp-link';
import { buildEnvelope, decodeEnvelope } from './event-codec';
import { MessageStore, OutboxRelay, OutgoingEvent, unitKey } from './outbox';
import { Batcher } from './batcher';
import { Header, TopologyNames, topicMatches, topologyNames } from './topology';
import { busMetrics } from './metrics';
import { CommandServer, CommandClient, CommandHandler, RequestOptions } from './commands';
import { DeadLetter, DeadLetterQueue } from './dead-letters';
import { transactionAborted } from './transaction-status';

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

export interface BatchOptions {
  /** Transactional handlers batch unless registered with `batch: false` (default false: only `batch: true` ones do). */
  byDefault?: boolean;
  /** Deliveries per transaction at most (default: the prefetch). */
  maxSize?: number;
  /**
   * How long the first delivery waits for more before its batch starts
   * (default 0: only for those read off the socket with it). Batches grow by
   * themselves under load: deliveries arriving while `concurrency` batches run
   * go together into the next.
   */
  lingerMs?: number;
  /** Batch transactions at once (default 2). */
  concurrency?: number;
}

export interface HandlerContext {
  /** 1 for the first delivery, counting retries. */
  attempt: number;
  /**
   * The handler's transaction (inbox row + effect + emitted events). Throws
   * when the handler has none: the bus has no data source, or the handler
   * was registered with `transactional: false`.
   */
  db(): EntityManager;
  /** Emits an event caused by this one; it leaves only if the handler succeeds. */
  emit<T extends EventType>(type: T, payload: EventPayloadInput<T>): void;
}

export type EventHandler<T extends EventType = EventType> = (
  event: EventEnvelope<EventPayload<T>>,
  ctx: HandlerContext,
) => Promise<void> | void;

export interface HandlerOptions {
  /** Unique per app; the inbox key. Defaults to the pattern. */
  name?: string;
  /**
   * Run inside one transaction with the inbox and outbox writes (default).
   * Long-running handlers (a NAS scan) set false: they commit their own work
   * and must be idempotent; the inbox is still checked before and written after.
   */
  transactional?: boolean;
  /**
   * Take deliveries in batches (transactional handlers with a data source):
   * one transaction claims the inbox rows of up to `prefetch` deliveries, runs
   * their handlers one after the other, writes their events to the outbox,
   * commits, and then acks them all. A delivery whose handler throws is split
   * out and retried alone (retry queue, then DLQ); the others commit without
   * it. Redeliveries — also of an event the batch already holds — have no
   * second effect (inbox). Default: the bus's `batch.byDefault`.
   */
  batch?: boolean;
}

interface Registration {
  pattern: string;
  name: string;
  transactional: boolean;
  batch: boolean;
  handle: EventHandler<EventType>;
}

/** One message taken off the queue, decoded, with the handlers it goes to. */
interface Delivery {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  envelope: EventEnvelope;
  handlers: Registration[];
  attempt: number;
  started: bigint;
}

/** A handler of a delivery in a batch threw; the batch transaction rolls back. */
class BatchMemberFailed extends Error {
  constructor(
    readonly delivery: Delivery,
    readonly error: Error,
  ) {
    super(error.message);
  }
}

const tracer = trace.getTracer('pokervod-messaging');

/** An event to publish: its type and payload (envelope fields are the bus's). */
export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloadInput<T>;
}

/** Events per outbox INSERT: big enough to save round trips, small enough for Postgres' parameter limits. */
const OUTBOX_INSERT_CHUNK = 1000;

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
  private readonly handlers: Registration[] = [];
  private readonly matching = new Map<string, Registration[]>();
  private readonly store: MessageStore | null;
  private readonly relay: OutboxRelay | null;
  private batcher: Batcher<Delivery & { done(): void }> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly commandServer: CommandServer;
  private readonly commandClient: CommandClient;
  readonly deadLetters: DeadLetterQueue;
  private publisher!: ChannelWrapper;
  private consumer: ChannelWrapper | null = null;
  private consumerTag: { channel: Channel; tag: string } | null = null;
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
    this.relay =
      options.dataSource && this.store
        ? new OutboxRelay(
            options.dataSource,
            this.store,
            (e) => this.send(e),
            this.logger,
            options.outboxPollMs ?? 1000,
          )
        : null;
    this.publisher = this.link.channel('publisher', async (ch) => {
      await ch.assertExchange(this.names.exchange, 'topic', { durable: true });
    });
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
    const name = opts.name ?? pattern;
    if (this.handlers.some((h) => h.name === name)) throw new Error(`duplicate handler name "${name}"`);
    const transactional = opts.transactional ?? true;
    if (opts.batch && !transactional) throw new Error(`handler "${name}": batch needs a transactional handler`);
    this.handlers.push({
      pattern,
      name,
      transactional,
      batch: transactional && !!this.options.dataSource && (opts.batch ?? this.options.batch?.byDefault ?? false),
      handle: handle as EventHandler<EventType>,
    });
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
    if (this.handlers.some((h) => h.batch)) {
      const b = this.options.batch ?? {};
      this.batcher = new Batcher(
        {
          maxSize: b.maxSize ?? this.options.prefetch ?? DEFAULT_PREFETCH,
          lingerMs: b.lingerMs ?? 0,
          concurrency: b.concurrency ?? 2,
        },
        (batch) => this.handleBatch(batch),
      );
    }
    if (this.handlers.length > 0) {
      this.link.expectConsumer('events');
      this.consumer = this.link.channel('events', (ch) => this.setupEventConsumer(ch));
    }
    await this.commandServer.start();
    await this.commandClient.start();
    await this.publisher.waitForConnect();
    if (this.consumer) await this.consumer.waitForConnect();
    this.relay?.start();
  }

  private async setupEventConsumer(ch: ConfirmChannel): Promise<void> {
    if (this.stopping) return;
    const n = this.names;
    await ch.assertExchange(n.exchange, 'topic', { durable: true });
    await ch.assertQueue(n.queue, { durable: true });
    await ch.assertQueue(n.deadLetterQueue, { durable: true });
    for (const delay of retryDelays(this.options.retryPolicy)) {
      await ch.assertQueue(n.retryQueue(delay), {
        durable: true,
        arguments: {
          'x-message-ttl': delay,
          // Back to this app's queue only, not the exchange: other apps already had their copy.
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': n.queue,
        },
      });
    }
    for (const pattern of new Set(this.handlers.map((h) => h.pattern))) {
      await ch.bindQueue(n.queue, n.exchange, pattern);
    }
    await ch.prefetch(this.channelPrefetch());
    const { consumerTag } = await ch.consume(n.queue, (msg) => this.onDelivery(ch, msg), { noAck: false });
    this.consumerTag = { channel: ch, tag: consumerTag };
    this.link.consumerAttached('events', ch);
  }

  /**
   * Unacked deliveries the broker may push. A batch holds its deliveries
   * until it commits, so with batch handlers each of the `concurrency`
   * batches gets its own `maxSize` (the prefetch by default): batches stay
   * prefetch-sized instead of sharing one prefetch window.
   */
  private channelPrefetch(): number {
    const prefetch = this.options.prefetch ?? DEFAULT_PREFETCH;
    const batch = this.batcher?.options;
    return batch ? Math.max(prefetch, batch.maxSize * batch.concurrency) : prefetch;
  }

  /** Stops consuming, lets in-flight handlers finish, flushes the outbox, closes. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.consumerTag) {
      await this.consumerTag.channel.cancel(this.consumerTag.tag).catch(() => undefined);
      this.link.consumerDetached('events');
    }
    await this.commandServer.stop();
    const drain = Promise.allSettled([...this.inFlight]);
    const timeout = new Promise((r) => setTimeout(r, this.options.drainTimeoutMs ?? 10_000).unref());
    await Promise.race([drain, timeout]);
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
  async publish<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope> {
    const event = this.outgoing(type, payload, opts.correlationId);
    await this.send(event);
    return event.envelope;
  }

  /** Writes the event to the outbox inside the caller's transaction; it is sent after commit. */
  async publishInTransaction<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloadInput<T>,
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope> {
    if (!this.store) throw new Error('publishInTransaction needs a bus with a data source');
    const event = this.outgoing(type, payload, opts.correlationId);
    await this.store.enqueue(manager, [event]);
    return event.envelope;
  }

  /**
   * Many events into the outbox in a few multi-row INSERTs, inside the
   * caller's transaction (one round trip per thousand events instead of one
   * per event); sent after commit like `publishInTransaction`'s.
   */
  async publishManyInTransaction(
    manager: EntityManager,
    events: readonly PendingEvent[],
    opts: { correlationId?: string } = {},
  ): Promise<EventEnvelope[]> {
    if (!this.store) throw new Error('publishManyInTransaction needs a bus with a data source');
    const outgoing = events.map((e) => this.outgoing(e.type, e.payload as never, opts.correlationId));
    for (let i = 0; i < outgoing.length; i += OUTBOX_INSERT_CHUNK)
      await this.store.enqueue(manager, outgoing.slice(i, i + OUTBOX_INSERT_CHUNK));
    return outgoing.map((e) => e.envelope);
  }

  /** Sends what committed transactions left in the outbox now, instead of at the next poll. */
  flushOutbox(): Promise<void> {
    return this.relay?.flush() ?? Promise.resolve();
  }

  private outgoing<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    correlationId?: string,
    causationId?: string,
  ): OutgoingEvent {
    const current = currentMessageContext();
    const envelope = buildEnvelope(type, payload, {
      source: this.options.block,
      correlationId: correlationId ?? current?.correlationId,
      causationId: causationId ?? current?.eventId ?? null,
    });
    const headers: Record<string, string | number> = { [Header.attempt]: 1 };
    propagation.inject(context.active(), headers);
    return { envelope, headers };
  }

  private async send({ envelope, headers }: OutgoingEvent): Promise<void> {
    const body = Buffer.from(JSON.stringify(envelope));
    const properties = { ...messageProperties(envelope, this.options.app), headers };
    // The outbox relay sends from a timer or another message's handler: publish in
    // the trace the event was made in (its stored traceparent), so the producer span
    // and the consumers join that trace instead of the relay's.
    const madeIn = propagation.extract(ROOT_CONTEXT, headers);
    for (let attempt = 1; ; attempt++) {
      try {
        await context.with(madeIn, () => this.publisher.publish(this.names.exchange, envelope.type, body, properties));
        break;
      } catch (error) {
        // When the connection dies, amqplib fails in-flight confirms before
        // amqp-connection-manager knows the channel is gone, so the wrapper
        // rejects instead of re-queuing. The broker may or may not have the
        // message: send it again with the same id; consumers' inboxes dedupe.
        if (!isConnectionLoss(error) || attempt >= MAX_PUBLISH_ATTEMPTS || this.stopping) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    this.metrics.published.inc({ app: this.options.app, type: envelope.type });
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

  // ---- consuming ----------------------------------------------------------

  private onDelivery(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (!msg) {
      this.logger.warn(`consumer on ${this.names.queue} was cancelled by the broker`);
      this.link.consumerDetached('events');
      return;
    }
    const work = this.process(ch, msg).catch((error) =>
      this.logger.error(`message ${msg.properties.messageId ?? '?'} left unacked: ${(error as Error).message}`),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async process(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const started = process.hrtime.bigint();
    const attempt = Number(msg.properties.headers?.[Header.attempt] ?? 1) || 1;
    const decoded = decodeEnvelope(msg.content);
    if (!decoded.ok) return this.reject(ch, msg, decoded.reason, attempt);
    const envelope = decoded.envelope;
    const handlers = this.handlersOf(envelope.type);
    if (handlers.length === 0)
      return this.reject(ch, msg, `no handler for ${envelope.type} in ${this.options.app}`, attempt);
    const delivery: Delivery = { ch, msg, envelope, handlers, attempt, started };
    // A retry has failed before: it goes alone, never into a batch it could hold up again.
    const batcher = this.batcher;
    if (batcher && attempt === 1 && handlers.every((h) => h.batch))
      return new Promise((done) => batcher.add({ ...delivery, done }));
    return this.processAlone(delivery);
  }

  /** The handlers whose pattern matches an event type (handlers are fixed once started). */
  private handlersOf(type: string): Registration[] {
    let matching = this.matching.get(type);
    if (!matching) {
      matching = this.handlers.filter((h) => topicMatches(h.pattern, type));
      this.matching.set(type, matching);
    }
    return matching;
  }

  /** One delivery in transactions of its own (one per handler). */
  private async processAlone(d: Delivery): Promise<void> {
    const committed: OutgoingEvent[] = [];
    try {
      await this.traced(d, () => this.dispatch(d.envelope, d.handlers, d.attempt, committed));
    } catch (error) {
      // Handlers before the failing one committed: their events go.
      this.relay?.sendCommitted(committed);
      return this.settleFailure(d, error as Error);
    }
    this.acknowledge(d);
    this.relay?.sendCommitted(committed);
  }

  /** Runs `work` in the delivery's consumer span and message context (correlation id, causation). */
  private traced<T>(d: Delivery, work: () => Promise<T>): Promise<T> {
    const { envelope, msg } = d;
    const parent = propagation.extract(ROOT_CONTEXT, msg.properties.headers ?? {});
    return tracer.startActiveSpan(
      `${envelope.type} process`,
      { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'rabbitmq', 'messaging.message.id': envelope.id } },
      parent,
      async (span) => {
        try {
          return await runWithMessageContext(
            { correlationId: envelope.correlation_id, causationId: envelope.causation_id, eventId: envelope.id },
            work,
          );
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Handled (or seen before): acked. */
  private acknowledge(d: Delivery): void {
    safeAck(d.ch, d.msg);
    const labels = { app: this.options.app, type: d.envelope.type };
    this.metrics.handled.inc({ ...labels, outcome: 'ok' });
    this.metrics.handleSeconds.observe(labels, Number(process.hrtime.bigint() - d.started) / 1e9);
  }

  /** A handler threw: a delay queue for another attempt, or the DLQ and `system.error` when attempts ran out. */
  private async settleFailure(d: Delivery, error: Error): Promise<void> {
    const labels = { app: this.options.app, type: d.envelope.type };
    if (canRetry(this.options.retryPolicy, d.attempt)) {
      this.metrics.handled.inc({ ...labels, outcome: 'retry' });
      return this.retryLater(d.ch, d.msg, d.attempt, error);
    }
    this.metrics.handled.inc({ ...labels, outcome: 'dead' });
    await this.reject(d.ch, d.msg, `handler failed after ${d.attempt} attempt(s): ${error.message}`, d.attempt);
    await this.reportFailure(d.envelope, error);
  }

  /**
   * Failure isolation (docs/architecture.md#failure-isolation): a block that
   * gives up on an event says so with `system.error` (same correlation id), so
   * the orchestrator can isolate the failure instead of waiting for a
   * completion that will never come.
   */
  private async reportFailure(envelope: EventEnvelope, error: Error): Promise<void> {
    if (envelope.type === EventType.ERROR_OCCURRED) return;
    const event = this.outgoing(
      EventType.ERROR_OCCURRED,
      {
        source: this.options.block,
        error: truncate(`${envelope.type}: ${error.message}`),
        event_id: envelope.id,
      },
      envelope.correlation_id,
      envelope.id,
    );
    await this.send(event).catch((e: Error) => this.logger.error(`could not report failure: ${e.message}`));
  }

  private handlerContext(
    h: Registration,
    attempt: number,
    manager: EntityManager | null,
    emitted: OutgoingEvent[],
  ): HandlerContext {
    return {
      attempt,
      db: () => {
        if (!manager) throw new Error(`handler ${h.name} runs without a database transaction`);
        return manager;
      },
      emit: (type, payload) => void emitted.push(this.outgoing(type, payload)),
    };
  }

  /**
   * Runs the matching handlers, each in its own transaction; pushes the
   * events that went to the outbox of a committed transaction onto `committed`.
   */
  private async dispatch(
    envelope: EventEnvelope,
    handlers: Registration[],
    attempt: number,
    committed: OutgoingEvent[],
  ): Promise<void> {
    const ds = this.options.dataSource;
    const store = this.store;
    const relay = this.relay;
    for (const h of handlers) {
      const emitted: OutgoingEvent[] = [];
      if (!ds || !store || !relay) {
        await h.handle(envelope as never, this.handlerContext(h, attempt, null, emitted));
        await Promise.all(emitted.map((e) => this.send(e)));
        continue;
      }
      if (!h.transactional) {
        if (await store.wasHandled(ds.manager, envelope.id, h.name)) continue;
        await h.handle(envelope as never, this.handlerContext(h, attempt, null, emitted));
      }
      try {
        await ds.transaction(async (manager) => {
          const fresh = await store.claim(manager, envelope.id, h.name);
          if (h.transactional) {
            if (!fresh) return;
            await h.handle(envelope as never, this.handlerContext(h, attempt, manager, emitted));
            if (await transactionAborted(manager))
              throw new Error(`handler ${h.name} left the transaction aborted (it caught an SQL error and went on)`);
          }
          await store.enqueue(manager, emitted);
          relay.reserve(emitted);
        });
      } catch (error) {
        relay.release(emitted);
        throw error;
      }
      committed.push(...emitted);
    }
  }

  // ---- batches ------------------------------------------------------------

  private async handleBatch(batch: (Delivery & { done(): void })[]): Promise<void> {
    this.metrics.batchSize.observe({ app: this.options.app }, batch.length);
    try {
      await this.runBatch(batch, false);
    } catch (error) {
      // Not expected (runBatch settles every delivery); unacked ones come back after a reconnect.
      this.logger.error(`batch of ${batch.length} left unsettled: ${(error as Error).message}`);
    } finally {
      for (const d of batch) d.done();
    }
  }

  /**
   * One transaction for the whole batch, acks after its commit. Optimistic
   * first (no savepoints: claims in one statement, handlers one after the
   * other); when a handler throws, the transaction rolls back, that delivery
   * is settled alone (retry queue or DLQ) and the others run again `guarded`:
   * each in a savepoint, so a further failure takes only its own effects back.
   * When the transaction itself fails (commit, connection) nobody can be
   * blamed: every delivery goes alone.
   */
  private async runBatch(batch: Delivery[], guarded: boolean): Promise<void> {
    const ds = this.options.dataSource as DataSource;
    const store = this.store as MessageStore;
    const relay = this.relay as OutboxRelay;
    // A second copy of an event already in this batch (a redelivery) shares its fate and is only acked.
    const firsts = new Map<string, Delivery>();
    const repeats: Delivery[] = [];
    for (const d of batch) {
      if (firsts.has(d.envelope.id)) repeats.push(d);
      else firsts.set(d.envelope.id, d);
    }
    const runs = [...firsts.values()];
    const emitted: OutgoingEvent[] = [];
    const failed = new Map<Delivery, Error>();
    try {
      await ds.transaction(async (manager) => {
        if (guarded) {
          for (const d of runs) {
            try {
              // A nested transaction: SAVEPOINT … RELEASE, or ROLLBACK TO on error.
              const events = await manager.transaction(async (m) =>
                this.runHandlers(d, m, await store.claimMany(m, units(d))),
              );
              emitted.push(...events);
            } catch (error) {
              failed.set(d, error as Error);
            }
          }
        } else {
          const claimed = await store.claimMany(manager, runs.flatMap(units));
          for (const d of runs) {
            try {
              emitted.push(...(await this.runHandlers(d, manager, claimed)));
            } catch (error) {
              throw new BatchMemberFailed(d, error as Error);
            }
          }
        }
        for (let i = 0; i < emitted.length; i += OUTBOX_INSERT_CHUNK)
          await store.enqueue(manager, emitted.slice(i, i + OUTBOX_INSERT_CHUNK));
        relay.reserve(emitted);
      });
    } catch (error) {
      relay.release(emitted);
      if (error instanceof BatchMemberFailed) {
        const culprit = error.delivery;
        const others = batch.filter((d) => d.envelope.id !== culprit.envelope.id);
        await Promise.all([
          this.settleOrLog(culprit, error.error).then(() => {
            for (const r of repeats) if (r.envelope.id === culprit.envelope.id) safeAck(r.ch, r.msg);
          }),
          others.length > 0 ? this.runBatch(others, true) : undefined,
        ]);
        return;
      }
      this.logger.warn(`batch of ${batch.length} failed as a whole (${(error as Error).message}); each goes alone`);
      await Promise.all(batch.map((d) => this.processAlone(d).catch((e: Error) => this.leftUnacked(d, e))));
      return;
    }
    for (const d of runs) if (!failed.has(d)) this.acknowledge(d);
    for (const r of repeats) if (!failed.has(firsts.get(r.envelope.id) as Delivery)) this.acknowledge(r);
    relay.sendCommitted(emitted);
    await Promise.all(
      [...failed].map(([d, error]) =>
        this.settleOrLog(d, error).then(() => {
          for (const r of repeats) if (r.envelope.id === d.envelope.id) safeAck(r.ch, r.msg);
        }),
      ),
    );
  }

  /** Settles a failed delivery of a batch; if even that fails (connection lost), the broker redelivers it. */
  private settleOrLog(d: Delivery, error: Error): Promise<void> {
    return this.settleFailure(d, error).catch((e: Error) => this.leftUnacked(d, e));
  }

  private leftUnacked(d: Delivery, error: Error): void {
    this.logger.error(`message ${d.msg.properties.messageId ?? '?'} left unacked: ${error.message}`);
  }

  /** A delivery's handlers inside a batch transaction, those whose inbox row was claimed; resolves to their events. */
  private runHandlers(d: Delivery, manager: EntityManager, claimed: Set<string>): Promise<OutgoingEvent[]> {
    return this.traced(d, async () => {
      const emitted: OutgoingEvent[] = [];
      for (const h of d.handlers) {
        if (!claimed.has(unitKey(d.envelope.id, h.name))) continue;
        const own: OutgoingEvent[] = [];
        await h.handle(d.envelope as never, this.handlerContext(h, d.attempt, manager, own));
        // Postgres would turn the COMMIT of an aborted transaction into a silent ROLLBACK of the whole batch.
        if (await transactionAborted(manager))
          throw new Error(`handler ${h.name} left the transaction aborted (it caught an SQL error and went on)`);
        emitted.push(...own);
      }
      return emitted;
    });
  }

  /** Parks the message in a delay queue that feeds it back to this app's queue. */
  private async retryLater(ch: ConfirmChannel, msg: ConsumeMessage, attempt: number, error: Error): Promise<void> {
    const delay = retryDelayMs(this.options.retryPolicy, attempt);
    this.logger.warn(`${describe(msg)} failed (attempt ${attempt}): ${error.message}; retrying in ${delay} ms`);
    await this.publisher.sendToQueue(this.names.retryQueue(delay), msg.content, {
      ...msg.properties,
      persistent: true,
      headers: {
        ...msg.properties.headers,
        [Header.attempt]: attempt + 1,
        [Header.originalRoutingKey]: originalRoutingKey(msg),
        [Header.lastError]: truncate(error.message),
      },
    });
    safeAck(ch, msg);
  }

  /** Sends the message to the dead-letter queue with its reason; the consumer moves on. */
  private async reject(ch: ConfirmChannel, msg: ConsumeMessage, reason: string, attempt: number): Promise<void> {
    this.logger.error(`${describe(msg)} dead-lettered: ${reason}`);
    await this.publisher.sendToQueue(this.names.deadLetterQueue, msg.content, {
      ...msg.properties,
      persistent: true,
      headers: {
        ...msg.properties.headers,
        [Header.deathReason]: truncate(reason),
        [Header.originalRoutingKey]: originalRoutingKey(msg),
        [Header.attempt]: attempt,
        [Header.failedAt]: new Date().toISOString(),
        [Header.failedBy]: this.options.app,
      },
    });
    this.metrics.deadLettered.inc({ app: this.options.app });
    safeAck(ch, msg);
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

export function messageProperties(envelope: EventEnvelope, app: string): Options.Publish {
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: envelope.id,
    correlationId: envelope.correlation_id,
    type: envelope.type,
    timestamp: Math.floor(Date.parse(envelope.timestamp) / 1000),
    appId: app,
  };
}

const MAX_PUBLISH_ATTEMPTS = 20;
const DEFAULT_PREFETCH = 32;

const units = (d: Delivery) => d.handlers.map((h) => ({ eventId: d.envelope.id, consumer: h.name }));

function isConnectionLoss(error: unknown): boolean {
  return /channel (closed|ended)|connection (closed|ended)|socket closed/i.test((error as Error)?.message ?? '');
}

/** Acks on the channel the message came from; if that channel died the broker redelivers it. */
function safeAck(ch: Channel, msg: ConsumeMessage): void {
  try {
    ch.ack(msg);
  } catch {
    // channel closed: the message is redelivered and the inbox absorbs the repeat
  }
}

/** Whether the last statement on the manager's connection failed and aborted its transaction (pg's status 'E'). */
function originalRoutingKey(msg: ConsumeMessage): string {
  return String(msg.properties.headers?.[Header.originalRoutingKey] ?? msg.fields.routingKey);
}

function describe(msg: ConsumeMessage): string {
  return `message ${msg.properties.messageId ?? '(no id)'} (${msg.properties.type ?? originalRoutingKey(msg)})`;
}

function truncate(text: string, max = 1000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const newCorrelationId = (): string => randomUUID();

/** The envelope of an event of type T, with its validated payload. */
export type EventOf<T extends EventType> = EventEnvelope<EventPayload<T>>;
