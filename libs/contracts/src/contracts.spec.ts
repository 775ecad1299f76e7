import { randomUUID } from 'node:crypto';
import {
  ALL_EVENT_TYPES,
  APPS,
  Commands,
  EventEnvelopeSchema,
  EventPayloadSchemas,
  EventType,
  SEED_EVENT_TYPES,
  isEventType,
  overallStatus,
} from './index';

describe('EventType', () => {
  it('holds the original sixteen types with their exact strings, in order', () => {
    expect(SEED_EVENT_TYPES).toEqual([
      'nas.scan.requested',
      'nas.scan.completed',
      'nas.file.added',
      'nas.file.removed',
      'catalog.update.requested',
      'catalog.updated',
      'catalog.project.created',
      'catalog.episode.created',
      'sheets.sync.requested',
      'sheets.sync.completed',
      'sheets.row.changed',
      'hand.clip.created',
      'hand.clip.tagged',
      'system.sync.all',
      'system.sync.completed',
      'system.error',
    ]);
  });

  it('names the added types in the same style, without duplicates', () => {
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
    for (const type of ALL_EVENT_TYPES) expect(type).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(isEventType('sheets.row.removed')).toBe(true);
    expect(isEventType('sheets.row.exploded')).toBe(false);
  });

  it('has one payload schema per type', () => {
    expect(Object.keys(EventPayloadSchemas).sort()).toEqual([...ALL_EVENT_TYPES].sort());
  });
});

describe('event envelope', () => {
  const valid = {
    id: randomUUID(),
    type: 'catalog.updated',
    payload: {},
    timestamp: '2026-11-27T03:00:00.000Z',
    source_block: 'B',
    correlation_id: 'run-1',
    causation_id: null,
    version: 1,
  };

  it('accepts the wire format', () => {
    expect(EventEnvelopeSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a non-uuid id', { id: 'x' }],
    ['an unknown type', { type: 'catalog.exploded' }],
    ['an unknown source block', { source_block: 'Z' }],
    ['a missing correlation id', { correlation_id: '' }],
    ['a non-ISO timestamp', { timestamp: 'yesterday' }],
  ])('rejects %s', (_what, patch) => {
    expect(EventEnvelopeSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('fills defaults of a payload and rejects wrong fields', () => {
    expect(EventPayloadSchemas[EventType.CATALOG_UPDATED].parse({ episodes: 2 })).toEqual({
      projects: 0,
      seasons: 0,
      events: 0,
      episodes: 2,
      files: 0,
      unsorted: 0,
    });
    expect(EventPayloadSchemas[EventType.NAS_SCAN_COMPLETED].safeParse({ added: -1 }).success).toBe(false);
  });
});

describe('SyncStatus overall rule', () => {
  it.each([
    [['completed', 'completed'], 'completed'],
    [['completed', 'failed', 'in_progress'], 'partial'],
    [['completed', 'in_progress'], 'in_progress'],
    [['idle', 'completed'], 'idle'],
    [[], 'idle'],
  ] as const)('%j → %s', (statuses, overall) => {
    expect(overallStatus(statuses)).toBe(overall);
  });
});

describe('apps and commands', () => {
  it('gives every app its port and schema', () => {
    expect(Object.fromEntries(Object.values(APPS).map((a) => [a.name, [a.block, a.schema, a.port]]))).toEqual({
      orchestrator: ['orchestrator', 'orchestrator', 3001],
      'nas-inventory': ['A', 'nas', 3101],
      catalog: ['B', 'catalog', 3102],
      'hand-analysis': ['C', 'hands', 3103],
      'sheets-sync': ['D', 'sheets', 3104],
      api: ['E', 'search', 3000],
      dashboard: ['F', null, 8080],
      database: ['G', 'database', 3107],
    });
  });

  it('validates command requests', () => {
    expect(Commands['catalog.match_episode'].request.safeParse({ title: '' }).success).toBe(false);
    expect(Commands['nas.match_file_path'].request.safeParse({ path: '\\\\nas\\share\\a.mp4' }).success).toBe(true);
  });
});
