import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import { Commands } from './commands';
import { EventEnvelopeSchema } from './event-envelope';
import { ALL_EVENT_TYPES, EventType } from './event-type';
import { EVENT_VERSIONS, createEventReader, eventVersion, readEvent } from './event-reader';
import { EventPayloadSchemas } from './payloads';
import * as previous from './testing/release-468e385';
import { zodArbitrary } from './testing/zod-arbitrary';

/**
 * A rolling deploy runs two releases side by side: each one's consumers must
 * read what the other's producers write, and each one's requesters must
 * understand the other's responders. Checked here against the previous
 * release's contracts (vendored in ./testing) with random valid messages.
 */

const RUNS = 60;

/** What goes over the wire: the producer's schema applied (defaults filled), through JSON. */
function wire(schema: z.ZodType, input: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema.parse(input))) as Record<string, unknown>;
}

function envelope(type: string, payload: Record<string, unknown>, version: number) {
  return {
    id: randomUUID(),
    type,
    payload,
    timestamp: new Date().toISOString(),
    source_block: 'orchestrator',
    correlation_id: randomUUID(),
    causation_id: null,
    version,
  };
}

/**
 * Where what a reader made of a message differs from what was sent: a value
 * changed, or (unless `added` is allowed) a field the sender never sent —
 * which is how a renamed or dropped field shows up, filled by a default.
 */
function differences(sent: unknown, read: unknown, allowAdded: boolean, path = '$'): string[] {
  if (Array.isArray(read)) {
    if (!Array.isArray(sent) || sent.length !== read.length) return [`${path}: ${JSON.stringify(sent)} read as array`];
    return read.flatMap((item, i) => differences(sent[i], item, allowAdded, `${path}[${i}]`));
  }
  if (read !== null && typeof read === 'object') {
    if (sent === null || typeof sent !== 'object') return [`${path}: ${JSON.stringify(sent)} read as object`];
    return Object.entries(read).flatMap(([key, value]) =>
      key in sent
        ? differences((sent as Record<string, unknown>)[key], value, allowAdded, `${path}.${key}`)
        : allowAdded
          ? []
          : [`${path}.${key}: not sent, read as ${JSON.stringify(value)}`],
    );
  }
  return Object.is(sent, read) || sent === read
    ? []
    : [`${path}: sent ${JSON.stringify(sent)}, read ${JSON.stringify(read)}`];
}

const previousReader = createEventReader({ payloadSchemas: previous.EventPayloadSchemas });
const previousTypes = new Set<string>(previous.ALL_EVENT_TYPES);
const currentTypes = new Set<string>(ALL_EVENT_TYPES);
const sharedTypes = ALL_EVENT_TYPES.filter((t) => previousTypes.has(t));
const oldSchemas = previous.EventPayloadSchemas as Record<string, z.ZodType>;
const newSchemas = EventPayloadSchemas as Record<string, z.ZodType>;

describe(`events: this release and the previous one (${previous.RELEASE})`, () => {
  it('share the event types of the previous release', () => {
    expect(sharedTypes.length).toBeGreaterThan(0);
    expect([...previousTypes].filter((t) => !currentTypes.has(t))).toEqual([]);
  });

  describe.each(sharedTypes)('%s', (type) => {
    it('a previous-release consumer (as released, and as a tolerant reader) reads this release’s events unchanged', () => {
      fc.assert(
        fc.property(zodArbitrary(newSchemas[type] as z.ZodType), (input) => {
          const sent = envelope(type, wire(newSchemas[type] as z.ZodType, input), eventVersion(type as EventType));
          // The previous release's own decoding: its envelope schema, then its payload schema.
          const asReleased = previous.EventEnvelopeSchema.safeParse(sent);
          expect(asReleased.success).toBe(true);
          const payload = oldSchemas[type]!.safeParse(sent.payload);
          expect(payload.success ? [] : payload.error.issues).toEqual([]);
          expect(differences(sent.payload, payload.data, false)).toEqual([]);
          const read = previousReader(sent);
          expect(read.ok).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });

    it('this release’s consumer reads the previous release’s events, filling only new fields', () => {
      fc.assert(
        fc.property(zodArbitrary(oldSchemas[type] as z.ZodType), (input) => {
          const sent = envelope(type, wire(oldSchemas[type] as z.ZodType, input), 1);
          const read = readEvent(sent);
          if (!read.ok) throw new Error(read.reason);
          expect(differences(sent.payload, read.envelope.payload, true)).toEqual([]);
          // Strictly too: this release's envelope schema and payload schema as they are.
          expect(EventEnvelopeSchema.safeParse(sent).success).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });
  });

  it('a previous-release consumer skips event types it does not know, instead of dead-lettering them', () => {
    const added = ALL_EVENT_TYPES.filter((t) => !previousTypes.has(t));
    for (const type of added) {
      const [input] = fc.sample(zodArbitrary(newSchemas[type] as z.ZodType), { numRuns: 1, seed: 7 });
      const read = previousReader(envelope(type, wire(newSchemas[type] as z.ZodType, input), EVENT_VERSIONS[type]));
      expect(read).toEqual({
        ok: false,
        ignorable: true,
        reason: `unknown event type ${type}: not read by this release`,
      });
    }
  });
});

const oldCommands = previous.Commands as Record<string, { request: z.ZodType; response: z.ZodType }>;
const newCommands = Commands as Record<string, { request: z.ZodType; response: z.ZodType }>;
const sharedCommands = Object.keys(newCommands).filter((name) => name in oldCommands);

describe(`commands: this release and the previous one (${previous.RELEASE})`, () => {
  it('keep every command of the previous release', () => {
    expect(Object.keys(oldCommands).filter((name) => !(name in newCommands))).toEqual([]);
  });

  describe.each(sharedCommands)('%s', (name) => {
    const cases = [
      ['an old requester → a new responder', 'request', oldCommands, newCommands],
      ['a new requester → an old responder', 'request', newCommands, oldCommands],
      ['an old responder → a new requester', 'response', oldCommands, newCommands],
      ['a new responder → an old requester', 'response', newCommands, oldCommands],
    ] as const;
    it.each(cases)('%s: understood, values unchanged', (_what, side, writer, reader) => {
      const writes = writer[name]![side];
      const reads = reader[name]![side];
      fc.assert(
        fc.property(zodArbitrary(writes), (input) => {
          const sent = wire(writes, input);
          const read = reads.safeParse(sent);
          expect(read.success ? [] : read.error.issues).toEqual([]);
          // An old side may see new fields filled by defaults; a new side reading old must not lose any.
          expect(differences(sent, read.data, writer === oldCommands)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });
  });
});
