/**
 * What an event handler is and sees (`HandlerContext`), how it is registered
 * (`HandlerOptions`, `BatchOptions`), and the internal shapes the consume
 * pipeline passes around: a `Registration` and a `Delivery`. In a file of
 * their own so the consumer and the settlement share them without importing
 * each other; the public ones are re-exported by `message-bus.ts`.
 */
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventPayload, EventPayloadInput, EventType } from '@pokervod/contracts';

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

/** A registered handler, its options resolved. */
export interface Registration {
  pattern: string;
  name: string;
  transactional: boolean;
  batch: boolean;
  handle: EventHandler<EventType>;
}

/** One message taken off the queue, decoded, with the handlers it goes to. */
export interface Delivery {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  envelope: EventEnvelope;
  handlers: Registration[];
  attempt: number;
  started: bigint;
}
