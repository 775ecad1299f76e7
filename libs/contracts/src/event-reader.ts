import { z } from 'zod';
import { ALL_EVENT_TYPES, EventType } from './event-type';
import { EventEnvelope, SourceBlockSchema } from './event-envelope';
import { EventPayloadSchemas } from './payloads';

/**
 * The version of each event type's payload contract, written into every
 * envelope's `version`. Compatible changes keep it: a new field with a
 * default or optional, a new event type, a looser check. A breaking change
 * (a field renamed, removed, retyped or made required; an enum narrowed or
 * widened) raises it by one, with an upcaster from the old version, and
 * rolls out readers first (docs/deploy.md).
 */
export const EVENT_VERSIONS: Readonly<Record<EventType, number>> = Object.fromEntries(
  ALL_EVENT_TYPES.map((type) => [type, 1]),
) as Record<EventType, number>;

/** The version a producer of this release writes for `type`. */
export function eventVersion(type: EventType): number {
  return EVENT_VERSIONS[type];
}

/** Turns a payload of version n into the shape of version n + 1. */
export type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>;

/** Per type, per old version n: how to read n as n + 1. None yet: every type is at version 1. */
export const EVENT_UPCASTERS: Readonly<Partial<Record<EventType, Readonly<Record<number, Upcaster>>>>> = {};

/** What a reader knows: one release's payload schemas, versions and upcasters. */
export interface EventContract {
  payloadSchemas: Readonly<Record<string, z.ZodType>>;
  versions?: Readonly<Record<string, number>>;
  upcasters?: Readonly<Partial<Record<string, Readonly<Record<number, Upcaster>>>>>;
}

export type EventRead =
  /** Read; `wireVersion` above the reader's means a newer producer, read tolerantly. */
  | { ok: true; envelope: EventEnvelope; wireVersion: number }
  /** A type this reader does not know (a newer producer's, or one it stopped reading): acknowledge and skip. */
  | { ok: false; ignorable: true; reason: string }
  /** Not readable: dead-letter with the reason (replay after the reader is upgraded, for a too-new version). */
  | { ok: false; ignorable: false; reason: string };

/**
 * The envelope as a tolerant reader takes it: fields it does not know are
 * dropped, `version` defaults to 1, and `type` is any dotted name — whether
 * this reader knows it is decided next, so an unknown one can be skipped
 * rather than dead-lettered.
 */
export const WireEnvelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'must be a dotted event type'),
  payload: z.record(z.string(), z.unknown()),
  timestamp: z.string().datetime({ offset: true }),
  source_block: SourceBlockSchema,
  correlation_id: z.string().min(1).max(200),
  causation_id: z.string().min(1).max(200).nullable().default(null),
  version: z.number().int().positive().default(1),
});

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * A tolerant reader for one release's contract (Postel: strict in what is
 * written, liberal in what is read). Unknown envelope and payload fields are
 * ignored; an unknown type is `ignorable`; an older version is upcast step
 * by step; a newer version is read with this release's schema, and only
 * refused when it does not fit.
 */
export function createEventReader(contract: EventContract): (message: unknown) => EventRead {
  return (message) => {
    const wire = WireEnvelopeSchema.safeParse(message);
    if (!wire.success) return { ok: false, ignorable: false, reason: `invalid envelope: ${describe(wire.error)}` };
    const { type, version } = wire.data;
    const schema = Object.hasOwn(contract.payloadSchemas, type) ? contract.payloadSchemas[type] : undefined;
    if (!schema) return { ok: false, ignorable: true, reason: `unknown event type ${type}: not read by this release` };
    const known = contract.versions?.[type] ?? 1;
    let payload = wire.data.payload;
    for (let v = version; v < known; v++) {
      const upcast = contract.upcasters?.[type]?.[v];
      // No upcaster for a step: that step only added fields with defaults, which the schema fills.
      if (upcast) payload = upcast(payload);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const why = describe(parsed.error);
      const reason =
        version > known
          ? `${type} version ${version} is newer than this reader (${known}) and does not fit its schema: ${why}`
          : `invalid ${type} payload: ${why}`;
      return { ok: false, ignorable: false, reason };
    }
    const envelope = {
      ...wire.data,
      type: type as EventType,
      // The payload is now in this reader's shape, whatever version it was written in.
      version: known,
      payload: parsed.data as Record<string, unknown>,
    };
    return { ok: true, envelope, wireVersion: version };
  };
}

/** This release's reader: every consumer should decode event bodies (parsed JSON) with it. */
export const readEvent = createEventReader({
  payloadSchemas: EventPayloadSchemas,
  versions: EVENT_VERSIONS,
  upcasters: EVENT_UPCASTERS,
});
