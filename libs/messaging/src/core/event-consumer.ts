/**
 * The consume pipeline of one app: its handler registrations, the consumer
 * channel (queue, retry delay queues and DLQ declared, bindings, prefetch),
 * and what happens to each delivery — decoded, matched to handlers, run in a
 * consumer span and message context, inside transactions with the inbox (a
 * redelivery has no second effect) and the outbox (emitted events leave only
 * after commit), acked only after that commit. Transactional handlers may
 * take deliveries in batches (one transaction for many). Failures are
 * settled by `Settlement` (retry queue, or DLQ and `system.error`); events
 * go out through the `EventPublisher`.
 */
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { DataSource, EntityManager } from 'typeorm';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { EventEnvelope, EventType, SourceBlock } from '@pokervod/contracts';
import { RetryPolicy, retryDelays } from '@pokervod/resilience';
import { runWithMessageContext } from '@pokervod/telemetry';
import type { AmqpLink, BusLogger } from './amqp-link';
import { Batcher } from './batcher';
import { decodeEnvelope } from './event-codec';
import { EventPublisher, enqueueInChunks } from './event-publisher';
import type { BatchOptions, Delivery, EventHandler, HandlerContext, HandlerOptions, Registration } from './handler';
import type { BusMetrics } from './metrics';
import { MessageStore, OutboxRelay, OutgoingEvent, unitKey } from './outbox';
import { Settlement, safeAck } from './settlement';
import { Header, TopologyNames, topicMatches } from './topology';
import { transactionAborted } from './transaction-status';

/** The bus options the pipeline reads (a `MessageBusOptions` is one). */
export interface ConsumerOptions {
  app: string;
  block: SourceBlock;
  retryPolicy: RetryPolicy;
  prefetch?: number;
  dataSource?: DataSource;
  batch?: BatchOptions;
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

const DEFAULT_PREFETCH = 32;

export class EventConsumer {
  private readonly handlers: Registration[] = [];
  private readonly matching = new Map<string, Registration[]>();
  private batcher: Batcher<Delivery & { done(): void }> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly settlement: Settlement;
  private channel: ChannelWrapper | null = null;
  private consumerTag: { channel: Channel; tag: string } | null = null;
  private stopping = false;

  constructor(
    private readonly link: AmqpLink,
    private readonly names: TopologyNames,
    private readonly options: ConsumerOptions,
    private readonly publisher: EventPublisher,
    /** Inbox and outbox; both null on a bus without a data source. */
    private readonly store: MessageStore | null,
    private readonly relay: OutboxRelay | null,
    private readonly logger: BusLogger,
    private readonly metrics: BusMetrics,
  ) {
    this.settlement = new Settlement(publisher, names, options, logger, metrics);
  }

  register<T extends EventType>(pattern: T | string, handle: EventHandler<T>, opts: HandlerOptions): void {
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

  /** Sets up batching and opens the consumer channel, whose setup runs again after every reconnect. */
  start(): void {
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
      this.channel = this.link.channel('events', (ch) => this.setup(ch));
    }
  }

  /** Resolves once consuming (at once without handlers: no channel). */
  async waitForConnect(): Promise<void> {
    if (this.channel) await this.channel.waitForConnect();
  }

  /** Cancels the consumer: no new deliveries, no re-attaching on reconnect. */
  async stopConsuming(): Promise<void> {
    this.stopping = true;
    if (this.consumerTag) {
      await this.consumerTag.channel.cancel(this.consumerTag.tag).catch(() => undefined);
      this.link.consumerDetached('events');
    }
  }

  /** Waits for the in-flight deliveries, `timeoutMs` at most. */
  async drain(timeoutMs: number): Promise<void> {
    const drain = Promise.allSettled([...this.inFlight]);
    const timeout = new Promise((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([drain, timeout]);
  }

  private async setup(ch: ConfirmChannel): Promise<void> {
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

  // ---- one delivery -------------------------------------------------------

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
    if (!decoded.ok) return this.settlement.reject(ch, msg, decoded.reason, attempt);
    const envelope = decoded.envelope;
    const handlers = this.handlersOf(envelope.type);
    if (handlers.length === 0)
      return this.settlement.reject(ch, msg, `no handler for ${envelope.type} in ${this.options.app}`, attempt);
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
      return this.settlement.settleFailure(d, error as Error);
    }
    this.settlement.acknowledge(d);
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
      emit: (type, payload) => void emitted.push(this.publisher.outgoing(type, payload)),
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
        await Promise.all(emitted.map((e) => this.publisher.send(e)));
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
        await enqueueInChunks(store, manager, emitted);
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
    for (const d of runs) if (!failed.has(d)) this.settlement.acknowledge(d);
    for (const r of repeats) if (!failed.has(firsts.get(r.envelope.id) as Delivery)) this.settlement.acknowledge(r);
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
    return this.settlement.settleFailure(d, error).catch((e: Error) => this.leftUnacked(d, e));
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
}

/** The inbox units (event, handler) of a delivery. */
const units = (d: Delivery) => d.handlers.map((h) => ({ eventId: d.envelope.id, consumer: h.name }));
