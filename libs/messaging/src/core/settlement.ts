/**
 * How a delivery leaves the queue once its handlers ran: acked when handled;
 * when a handler threw, parked in a delay queue that feeds it back to this
 * app's queue, or — attempts used up, or undecodable, or unhandled — moved
 * to the dead-letter queue with its reason and reported as `system.error`.
 * The consume pipeline decides when; this says how, in one place.
 */
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { EventEnvelope, EventType, SourceBlock } from '@pokervod/contracts';
import { RetryPolicy, canRetry, retryDelayMs } from '@pokervod/resilience';
import type { BusLogger } from './amqp-link';
import type { EventPublisher } from './event-publisher';
import type { Delivery } from './handler';
import type { BusMetrics } from './metrics';
import { Header, TopologyNames } from './topology';

export interface SettlementOptions {
  app: string;
  block: SourceBlock;
  retryPolicy: RetryPolicy;
}

export class Settlement {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly names: TopologyNames,
    private readonly options: SettlementOptions,
    private readonly logger: BusLogger,
    private readonly metrics: BusMetrics,
  ) {}

  /** Handled (or seen before): acked. */
  acknowledge(d: Delivery): void {
    safeAck(d.ch, d.msg);
    const labels = { app: this.options.app, type: d.envelope.type };
    this.metrics.handled.inc({ ...labels, outcome: 'ok' });
    this.metrics.handleSeconds.observe(labels, Number(process.hrtime.bigint() - d.started) / 1e9);
  }

  /** A handler threw: a delay queue for another attempt, or the DLQ and `system.error` when attempts ran out. */
  async settleFailure(d: Delivery, error: Error): Promise<void> {
    const labels = { app: this.options.app, type: d.envelope.type };
    if (canRetry(this.options.retryPolicy, d.attempt)) {
      this.metrics.handled.inc({ ...labels, outcome: 'retry' });
      return this.retryLater(d.ch, d.msg, d.attempt, error);
    }
    this.metrics.handled.inc({ ...labels, outcome: 'dead' });
    await this.reject(d.ch, d.msg, `handler failed after ${d.attempt} attempt(s): ${error.message}`, d.attempt);
    await this.reportFailure(d.envelope, error);
  }

  /** Sends the message to the dead-letter queue with its reason; the consumer moves on. */
  async reject(ch: ConfirmChannel, msg: ConsumeMessage, reason: string, attempt: number): Promise<void> {
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

  /**
   * Failure isolation (docs/architecture.md#failure-isolation): a block that
   * gives up on an event says so with `system.error` (same correlation id), so
   * the orchestrator can isolate the failure instead of waiting for a
   * completion that will never come.
   */
  private async reportFailure(envelope: EventEnvelope, error: Error): Promise<void> {
    if (envelope.type === EventType.ERROR_OCCURRED) return;
    const event = this.publisher.outgoing(
      EventType.ERROR_OCCURRED,
      {
        source: this.options.block,
        error: truncate(`${envelope.type}: ${error.message}`),
        event_id: envelope.id,
      },
      envelope.correlation_id,
      envelope.id,
    );
    await this.publisher.send(event).catch((e: Error) => this.logger.error(`could not report failure: ${e.message}`));
  }
}

/** Acks on the channel the message came from; if that channel died the broker redelivers it. */
export function safeAck(ch: Channel, msg: ConsumeMessage): void {
  try {
    ch.ack(msg);
  } catch {
    // channel closed: the message is redelivered and the inbox absorbs the repeat
  }
}

/**
 * The routing key the event was first published with (its type): a copy back
 * from a retry queue, or a replayed dead letter, arrives under this app's
 * queue name, so the first hop records the original in a header and later
 * hops keep it.
 */
function originalRoutingKey(msg: ConsumeMessage): string {
  return String(msg.properties.headers?.[Header.originalRoutingKey] ?? msg.fields.routingKey);
}

function describe(msg: ConsumeMessage): string {
  return `message ${msg.properties.messageId ?? '(no id)'} (${msg.properties.type ?? originalRoutingKey(msg)})`;
}

function truncate(text: string, max = 1000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
