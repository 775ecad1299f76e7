import { z } from 'zod';
import { ALL_EVENT_TYPES, EventType } from './event-type';
import { BLOCK_IDS } from './block';

export const ENVELOPE_VERSION = 1;

export const SourceBlockSchema = z.enum([...BLOCK_IDS, 'orchestrator']);

/**
 * The wire envelope (docs/architecture.md#wire-format): the JSON body of every
 * event message. The payload is checked separately against the schema of its
 * type.
 */
export const EventEnvelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.enum(ALL_EVENT_TYPES as [EventType, ...EventType[]]),
  payload: z.record(z.string(), z.unknown()),
  timestamp: z.string().datetime({ offset: true }),
  source_block: SourceBlockSchema,
  correlation_id: z.string().min(1).max(200),
  causation_id: z.string().min(1).max(200).nullable().default(null),
  version: z.number().int().positive().default(ENVELOPE_VERSION),
});

export type EventEnvelope<P = Record<string, unknown>> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & {
  payload: P;
};
