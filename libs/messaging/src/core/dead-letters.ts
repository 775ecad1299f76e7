import type { DeadLetter } from '@pokervod/contracts';
import amqplib from 'amqplib';
import type { GetMessage } from 'amqplib';
import { Header, TopologyNames } from './topology';

export type { DeadLetter };

const MAX_BODY = 16 * 1024;

/**
 * Operator access to an app's dead-letter queue. Uses a short-lived
 * connection of its own: listing takes messages without acking and closing
 * the channel puts them back in order.
 */
export class DeadLetterQueue {
  constructor(
    private readonly url: string,
    private readonly names: TopologyNames,
  ) {}

  async list(limit = 100): Promise<DeadLetter[]> {
    return this.withChannel(async (ch) => {
      const letters: DeadLetter[] = [];
      for (let i = 0; i < limit; i++) {
        const msg = await ch.get(this.names.deadLetterQueue, { noAck: false });
        if (!msg) break;
        letters.push(toDeadLetter(msg));
      }
      return letters;
    });
  }

  async count(): Promise<number> {
    return this.withChannel(async (ch) => (await ch.checkQueue(this.names.deadLetterQueue)).messageCount);
  }

  /** Moves up to `limit` dead letters back to the app's queue, attempts reset. Returns how many. */
  async replay(limit = 100): Promise<number> {
    return this.withChannel(async (ch) => {
      let moved = 0;
      for (; moved < limit; moved++) {
        const msg = await ch.get(this.names.deadLetterQueue, { noAck: false });
        if (!msg) break;
        const headers = { ...msg.properties.headers };
        for (const h of [Header.deathReason, Header.failedAt, Header.failedBy, Header.lastError, 'x-death'])
          delete headers[h];
        ch.sendToQueue(this.names.queue, msg.content, {
          ...msg.properties,
          persistent: true,
          headers: { ...headers, [Header.attempt]: 1, [Header.replayedAt]: new Date().toISOString() },
        });
        await ch.waitForConfirms();
        ch.ack(msg);
      }
      return moved;
    });
  }

  private async withChannel<T>(work: (ch: amqplib.ConfirmChannel) => Promise<T>): Promise<T> {
    const conn = await amqplib.connect(this.url);
    try {
      const ch = await conn.createConfirmChannel();
      await ch.assertQueue(this.names.deadLetterQueue, { durable: true });
      return await work(ch);
    } finally {
      await conn.close().catch(() => undefined);
    }
  }
}

function toDeadLetter(msg: GetMessage): DeadLetter {
  const h = msg.properties.headers ?? {};
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  const body = msg.content.toString('utf8');
  return {
    message_id: str(msg.properties.messageId),
    type: str(msg.properties.type),
    reason: String(h[Header.deathReason] ?? 'unknown'),
    original_routing_key: str(h[Header.originalRoutingKey]),
    attempts: Number(h[Header.attempt] ?? 1),
    failed_at: str(h[Header.failedAt]),
    failed_by: str(h[Header.failedBy]),
    correlation_id: str(msg.properties.correlationId),
    body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body,
  };
}
