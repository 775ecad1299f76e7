import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ALL_EVENT_TYPES } from './event-type';
import { EVENT_VERSIONS, createEventReader, eventVersion, readEvent } from './event-reader';

const envelope = (patch: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'catalog.updated',
  payload: { episodes: 2 },
  timestamp: '2026-11-27T03:00:00.000Z',
  source_block: 'B',
  correlation_id: 'run-1',
  causation_id: null,
  version: 1,
  ...patch,
});

describe('readEvent (this release’s tolerant reader)', () => {
  it('reads an event, filling the payload’s defaults', () => {
    const read = readEvent(envelope());
    expect(read).toMatchObject({ ok: true, wireVersion: 1 });
    expect(read.ok && read.envelope.payload).toEqual({
      projects: 0,
      seasons: 0,
      events: 0,
      episodes: 2,
      files: 0,
      unsorted: 0,
    });
  });

  it('ignores envelope and payload fields it does not know, and takes a missing version as 1', () => {
    const message: Record<string, unknown> = envelope({ payload: { episodes: 2, shiny_new: true }, added_later: 'x' });
    delete message['version'];
    const read = readEvent(message);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.envelope.version).toBe(1);
    expect(read.envelope.payload).not.toHaveProperty('shiny_new');
    expect(read.envelope).not.toHaveProperty('added_later');
  });

  it('says an unknown event type is ignorable (a newer producer’s), not invalid', () => {
    expect(readEvent(envelope({ type: 'catalog.episode.archived' }))).toEqual({
      ok: false,
      ignorable: true,
      reason: 'unknown event type catalog.episode.archived: not read by this release',
    });
  });

  it('reads a newer version that fits its schema, and says it was newer', () => {
    const read = readEvent(envelope({ version: 2, payload: { episodes: 2, renamed: 1 } }));
    expect(read).toMatchObject({ ok: true, wireVersion: 2, envelope: { version: 1 } });
  });

  it('refuses a newer version that does not fit, saying so (dead-letter, replay after upgrading)', () => {
    const read = readEvent(envelope({ version: 3, payload: { episodes: 'two' } }));
    expect(read).toEqual({
      ok: false,
      ignorable: false,
      reason: expect.stringMatching(
        /^catalog\.updated version 3 is newer than this reader \(1\) and does not fit its schema: episodes: /,
      ),
    });
  });

  it.each([
    ['a body that is not an object', 'hello', /^invalid envelope: \(root\): /],
    ['a bad id', envelope({ id: 'x' }), /^invalid envelope: id: /],
    ['a type that is not a dotted name', envelope({ type: 'DROP TABLE' }), /^invalid envelope: type: /],
    ['a version that is not a positive integer', envelope({ version: 0 }), /^invalid envelope: version: /],
    [
      'a payload breaking its schema',
      envelope({ payload: { episodes: -1 } }),
      /^invalid catalog\.updated payload: episodes: /,
    ],
  ])('refuses %s, with the reason', (_what, message, reason) => {
    const read = readEvent(message);
    expect(read).toMatchObject({ ok: false, ignorable: false });
    expect(!read.ok && read.reason).toMatch(reason);
  });

  it('writes version 1 for every type of this release', () => {
    for (const type of ALL_EVENT_TYPES) expect(eventVersion(type)).toBe(EVENT_VERSIONS[type]);
    expect(new Set(Object.values(EVENT_VERSIONS))).toEqual(new Set([1]));
  });
});

describe('createEventReader with a breaking change (version 2 renames a field)', () => {
  // Version 1 said `name`; version 2 says `title` and adds `language` with a default.
  const reader = createEventReader({
    payloadSchemas: { 'catalog.episode.created': z.object({ title: z.string(), language: z.string().default('en') }) },
    versions: { 'catalog.episode.created': 2 },
    upcasters: { 'catalog.episode.created': { 1: ({ name, ...rest }) => ({ ...rest, title: name }) } },
  });
  const event = (version: number, payload: Record<string, unknown>) =>
    envelope({ type: 'catalog.episode.created', version, payload });

  it('upcasts a version-1 payload to version 2', () => {
    const read = reader(event(1, { name: 'Day 1A' }));
    expect(read).toMatchObject({ ok: true, wireVersion: 1, envelope: { version: 2 } });
    expect(read.ok && read.envelope.payload).toEqual({ title: 'Day 1A', language: 'en' });
  });

  it('reads version 2 as it is', () => {
    const read = reader(event(2, { title: 'Day 2', language: 'ko' }));
    expect(read.ok && read.envelope.payload).toEqual({ title: 'Day 2', language: 'ko' });
  });
});
