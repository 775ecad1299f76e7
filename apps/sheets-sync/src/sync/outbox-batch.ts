import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import type { EventPayloadInput, EventType } from '@pokervod/contracts';
import { Header, buildEnvelope } from '@pokervod/messaging';
import { currentMessageContext } from '@pokervod/telemetry';

export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloadInput<T>;
}

/** Events per INSERT. */
const CHUNK = 1000;

/**
 * Writes many events to `sheets.outbox` in a few multi-row INSERTs, inside
 * the caller's transaction; the bus's relay sends them after commit, exactly
 * as it sends what `publishInTransaction` wrote (same envelope, validation,
 * headers and trace context). `publishInTransaction` costs one round trip
 * per event, which made the first sync of a 10,000-row sheet take seconds.
 * To be replaced by a batch method on MessageBus (see the block D report).
 */
export async function enqueueEvents(
  m: EntityManager,
  events: readonly PendingEvent[],
  meta: { correlationId: string },
): Promise<void> {
  if (events.length === 0) return;
  const causationId = currentMessageContext()?.eventId ?? null;
  const headers: Record<string, string | number> = { [Header.attempt]: 1 };
  propagation.inject(context.active(), headers);
  const headersJson = JSON.stringify(headers);
  for (let i = 0; i < events.length; i += CHUNK) {
    const envelopes = events
      .slice(i, i + CHUNK)
      .map((e) =>
        buildEnvelope(e.type, e.payload as never, { source: 'D', correlationId: meta.correlationId, causationId }),
      );
    await m.query(
      `INSERT INTO sheets.outbox (event_id, routing_key, body, headers)
       SELECT id, routing_key, body, $4::jsonb FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS e(id, routing_key, body)`,
      [envelopes.map((e) => e.id), envelopes.map((e) => e.type), envelopes.map((e) => JSON.stringify(e)), headersJson],
    );
  }
}
