/** The block letters A–G (docs/architecture.md#glossary); the orchestrator has none. */
export const BLOCK_IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type BlockId = (typeof BLOCK_IDS)[number];
export type SourceBlock = BlockId | 'orchestrator';

export const APP_NAMES = [
  'orchestrator',
  'nas-inventory',
  'catalog',
  'hand-analysis',
  'sheets-sync',
  'api',
  'dashboard',
  'database',
] as const;
export type AppName = (typeof APP_NAMES)[number];

export interface AppDescriptor {
  name: AppName;
  block: SourceBlock;
  /** Postgres schema the app owns, or null when it keeps no state. */
  schema: string | null;
  /** Default HTTP port (docs/architecture.md#services). */
  port: number;
}

export const APPS: Record<AppName, AppDescriptor> = {
  orchestrator: { name: 'orchestrator', block: 'orchestrator', schema: 'orchestrator', port: 3001 },
  'nas-inventory': { name: 'nas-inventory', block: 'A', schema: 'nas', port: 3101 },
  catalog: { name: 'catalog', block: 'B', schema: 'catalog', port: 3102 },
  'hand-analysis': { name: 'hand-analysis', block: 'C', schema: 'hands', port: 3103 },
  'sheets-sync': { name: 'sheets-sync', block: 'D', schema: 'sheets', port: 3104 },
  api: { name: 'api', block: 'E', schema: 'search', port: 3000 },
  dashboard: { name: 'dashboard', block: 'F', schema: null, port: 8080 },
  database: { name: 'database', block: 'G', schema: 'database', port: 3107 },
};
