/**
 * The publishing side of the bus: builds outgoing events (envelope,
 * correlation and causation from the message context, W3C trace headers),
 * sends them with publisher confirms over the app's publisher channel —
 * again after a lost connection — and writes them to the outbox inside a
 * caller's transaction. The consume pipeline uses it too: for the events
 * handlers emit, and to park messages in retry queues or the DLQ.
 */
import type { Options } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { EntityManager } from 'typeorm';
import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import { EventEnvelope, EventPayloadInput, EventType, SourceBlock } from '@pokervod/contracts';
import { currentMessageContext } from '@pokervod/telemetry';
import type { AmqpLink } from './amqp-link';
import { buildEnvelope } from './event-codec';
import type { MessageStore, OutgoingEvent } from './outbox';
import { Header, TopologyNames } from './topology';
import type { BusMetrics } from './metrics';

/** An event to publish: its type and payload (envelope fields are the bus's). */
export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloadInput<T>;
}

/** Events per outbox INSERT: big enough to save round trips, small enough for Postgres' parameter limits. */
const OUTBOX_INSERT_CHUNK = 1000;

const MAX_PUBLISH_ATTEMPTS = 20;

export class EventPublisher {
  private readonly channel: ChannelWrapper;
  private stopping = false;

  constructor(
    link: AmqpLink,
    private readonly names: TopologyNames,
    private readonly app: string,
    private readonly block: SourceBlock,
    /** The outbox; null on a bus without a data source. */
    private readonly store: MessageStore | null,
    private readonly metrics: BusMetrics,
  ) {
    this.channel = link.channel('publisher', async (ch) => {
      await ch.assertExchange(this.names.exchange, 'topic', { durable: true });
    });
  }

  waitForConnect(): Promise<void> {
    return this.channel.waitForConnect();
  }

  /** The bus is stopping: a send lost with the connection fails now instead of being sent again. */
  stopRetrying(): void {
    this.stopping = true;
  }

  /** Builds and sends an event; resolves with its envelope once the broker confirmed it. */
  async publish<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    correlationId?: string,
  ): Promise<EventEnvelope> {
    const event = this.outgoing(type, payload, correlationId);
    await this.send(event);
    return event.envelope;
  }

  /** Builds an event and writes it to the outbox in the caller's transaction. */
  async publishInTransaction<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloadInput<T>,
    correlationId?: string,
  ): Promise<EventEnvelope> {
    if (!this.store) throw new Error('publishInTransaction needs a bus with a data source');
    const event = this.outgoing(type, payload, correlationId);
    await this.store.enqueue(manager, [event]);
    return event.envelope;
  }

  /** Builds events and writes them to the outbox in the caller's transaction, in chunks. */
  async publishManyInTransaction(
    manager: EntityManager,
    events: readonly PendingEvent[],
    correlationId?: string,
  ): Promise<EventEnvelope[]> {
    if (!this.store) throw new Error('publishManyInTransaction needs a bus with a data source');
    const outgoing = events.map((e) => this.outgoing(e.type, e.payload as never, correlationId));
    await enqueueInChunks(this.store, manager, outgoing);
    return outgoing.map((e) => e.envelope);
  }

  /**
   * An event with its envelope and headers. Inside a handler (the message
   * context) the correlation id and causation are carried over; the headers
   * hold the first attempt and the active trace context (`traceparent`).
   */
  outgoing<T extends EventType>(
    type: T,
    payload: EventPayloadInput<T>,
    correlationId?: string,
    causationId?: string,
  ): OutgoingEvent {
    const current = currentMessageContext();
    const envelope = buildEnvelope(type, payload, {
      source: this.block,
      correlationId: correlationId ?? current?.correlationId,
      causationId: causationId ?? current?.eventId ?? null,
    });
    const headers: Record<string, string | number> = { [Header.attempt]: 1 };
    propagation.inject(context.active(), headers);
    return { envelope, headers };
  }

  /** Publishes an event to the exchange and resolves when the broker confirmed it. */
  async send({ envelope, headers }: OutgoingEvent): Promise<void> {
    const body = Buffer.from(JSON.stringify(envelope));
    const properties = { ...messageProperties(envelope, this.app), headers };
    // The outbox relay sends from a timer or another message's handler: publish in
    // the trace the event was made in (its stored traceparent), so the producer span
    // and the consumers join that trace instead of the relay's.
    const madeIn = propagation.extract(ROOT_CONTEXT, headers);
    for (let attempt = 1; ; attempt++) {
      try {
        await context.with(madeIn, () => this.channel.publish(this.names.exchange, envelope.type, body, properties));
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
    this.metrics.published.inc({ app: this.app, type: envelope.type });
  }

  /** Puts a message straight on a queue (a retry delay queue, the DLQ), confirmed. */
  sendToQueue(queue: string, content: Buffer, options: Options.Publish): Promise<boolean> {
    return this.channel.sendToQueue(queue, content, options);
  }
}

/** Writes events to the outbox in the caller's transaction: one multi-row INSERT per thousand. */
export async function enqueueInChunks(
  store: MessageStore,
  manager: EntityManager,
  events: readonly OutgoingEvent[],
): Promise<void> {
  for (let i = 0; i < events.length; i += OUTBOX_INSERT_CHUNK)
    await store.enqueue(manager, events.slice(i, i + OUTBOX_INSERT_CHUNK));
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

function isConnectionLoss(error: unknown): boolean {
  return /channel (closed|ended)|connection (closed|ended)|socket closed/i.test((error as Error)?.message ?? '');
}
