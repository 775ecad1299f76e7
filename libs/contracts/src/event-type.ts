/**
 * Every event type on the bus (docs/architecture.md#events). The first
 * sixteen are the original set, with their exact strings; the rest were added
 * later, named in the same `<area>.<subject>.<verb>` style. The string is also
 * the RabbitMQ routing key.
 */
export const EventType = {
  // NAS (block A)
  NAS_SCAN_REQUESTED: 'nas.scan.requested',
  NAS_SCAN_COMPLETED: 'nas.scan.completed',
  NAS_FILE_ADDED: 'nas.file.added',
  NAS_FILE_REMOVED: 'nas.file.removed',
  // Catalog (block B)
  CATALOG_UPDATE_REQUESTED: 'catalog.update.requested',
  CATALOG_UPDATED: 'catalog.updated',
  PROJECT_CREATED: 'catalog.project.created',
  EPISODE_CREATED: 'catalog.episode.created',
  // Sheets (block D)
  SHEETS_SYNC_REQUESTED: 'sheets.sync.requested',
  SHEETS_SYNC_COMPLETED: 'sheets.sync.completed',
  SHEETS_ROW_CHANGED: 'sheets.row.changed',
  // Hand analysis (block C)
  HAND_CLIP_CREATED: 'hand.clip.created',
  HAND_CLIP_TAGGED: 'hand.clip.tagged',
  // System
  SYNC_ALL_REQUESTED: 'system.sync.all',
  SYNC_ALL_COMPLETED: 'system.sync.completed',
  ERROR_OCCURRED: 'system.error',

  // --- added later, in the same style ---
  NAS_FILE_CHANGED: 'nas.file.changed',
  NAS_FILE_MOVED: 'nas.file.moved',
  SHEETS_ROW_REMOVED: 'sheets.row.removed',
  /** A file's duration and frame rate became known (hand clips are validated against them). */
  NAS_FILE_PROBED: 'nas.file.probed',
  /** A clip's sheet row vanished and the clip with it (read models drop it). */
  HAND_CLIP_REMOVED: 'hand.clip.removed',
  HAND_ANALYSIS_REQUESTED: 'hand.analysis.requested',
  HAND_ANALYSIS_COMPLETED: 'hand.analysis.completed',
  /** A stored sheet row reached (or left) an outcome: clip, invalid, unmatched, pending, removed. */
  ROW_OUTCOME: 'sync.row.outcome',
  /** Progress and state of one block's work, for the orchestrator's StatusTracker. */
  BLOCK_STATUS: 'system.block.status',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

/** The original sixteen types, in their order. */
export const SEED_EVENT_TYPES: readonly EventType[] = Object.values(EventType).slice(0, 16);

export const ALL_EVENT_TYPES: readonly EventType[] = Object.values(EventType);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (ALL_EVENT_TYPES as readonly string[]).includes(value);
}
