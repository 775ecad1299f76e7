import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ENVELOPE_VERSION,
  EventEnvelope,
  EventEnvelopeSchema,
  EventPayloadInput,
  EventPayloadSchemas,
  EventType,
  SourceBlock,
} from '@pokervod/contracts';
import { InvalidEventError } from './errors';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Builds a validated envelope. Throws InvalidEventError for a payload that
 * breaks its schema: publishing one is a bug, and it must fail in the caller.
 */
export function buildEnvelope<T extends EventType>(
  type: T,
  payload: EventPayloadInput<T>,
  meta: { source: SourceBlock; correlationId?: string; causationId?: string | null; id?: string },
): EventEnvelope {
  const parsed = EventPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) throw new InvalidEventError(type, describeIssues(parsed.error));
  const id = meta.id ?? randomUUID();
  return {
    id,
    type,
    payload: parsed.data as Record<string, unknown>,
    timestamp: new Date().toISOString(),
    source_block: meta.source,
    correlation_id: meta.correlationId ?? id,
    causation_id: meta.causationId ?? null,
    version: ENVELOPE_VERSION,
  };
}

export type Decoded = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/**
 * Reads a message body into an envelope with a validated payload, or says
 * why it cannot: the reason travels with the message to the dead-letter queue.
 */
export function decodeEnvelope(body: Buffer): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
  const envelope = EventEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  const type = envelope.data.type;
  const payload = EventPayloadSchemas[type].safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, reason: `invalid ${type} payload: ${describeIssues(payload.error)}` };
  return { ok: true, envelope: { ...envelope.data, payload: payload.data as Record<string, unknown> } };
}
