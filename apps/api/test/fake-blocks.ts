import type {
  CatalogTreeSnapshot,
  ClipSnapshot,
  CommandName,
  EventPayloadInput,
  EventType,
  FilePlacement,
  FileSnapshot,
  RowOutcomeRecord,
  SyncResult,
} from '@pokervod/contracts';
import { MessageBus, CommandHandler } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import type { TestWorld } from '@pokervod/test-world';

/** Pages of `items` by a string key: `after` is the key of the previous page's last item. */
function pageOf<T>(items: T[], key: (t: T) => string, after: string | null | undefined, limit: number) {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after ? sorted.filter((i) => key(i) > after) : sorted;
  const page = rest.slice(0, limit);
  return { page, next: rest.length > limit ? key(page[page.length - 1]) : null };
}

/**
 * Blocks A–D and the orchestrator as far as the API sees them: what they
 * hold (set by the test), answered over the real snapshot commands, and a
 * bus to publish their real events. `silent` commands get no handler (the
 * block is not running).
 */
export class FakeBlocks {
  files = new Map<string, FileSnapshot>();
  tree: CatalogTreeSnapshot = { projects: [], seasons: [], events: [], episodes: [], as_of: new Date().toISOString() };
  placements = new Map<string, FilePlacement & { updated_at: string }>();
  clips = new Map<string, ClipSnapshot>();
  results: (SyncResult & { synced_at: string | null })[] = [];
  rows = new Map<string, RowOutcomeRecord>();
  readonly calls: { command: string; request: unknown }[] = [];
  readonly bus: MessageBus;

  constructor(
    world: Pick<TestWorld, 'bus' | 'topology'>,
    private readonly silent: CommandName[] = [],
  ) {
    this.bus = new MessageBus({
      ...world.bus,
      app: 'api-test-blocks',
      block: 'orchestrator',
      retryPolicy: RETRY_POLICIES.E,
      connectionName: `${world.topology.id}-blocks`,
    });
    this.answer('nas.files_snapshot', async ({ after, limit }) => {
      const { page, next } = pageOf([...this.files.values()], (f) => f.id, after, limit);
      return { files: page, next };
    });
    this.answer('catalog.tree_snapshot', async () => ({ ...this.tree, as_of: new Date().toISOString() }));
    this.answer('catalog.files_snapshot', async ({ after, limit, updated_since }) => {
      const as_of = new Date().toISOString();
      const all = [...this.placements.values()].filter((p) => !updated_since || p.updated_at >= updated_since);
      const { page, next } = pageOf(all, (p) => p.file_id, after, limit);
      return { files: page.map((p) => ({ ...p, updated_at: undefined })), next, as_of };
    });
    this.answer('hands.clips_snapshot', async ({ after, limit, ids }) => {
      if (ids) return { clips: ids.flatMap((id) => this.clips.get(id) ?? []), next: null };
      const { page, next } = pageOf([...this.clips.values()], (c) => c.id, after, limit);
      return { clips: page, next };
    });
    this.answer('sheets.results_snapshot', async () => ({ results: this.results }));
    this.answer('orchestrator.rows_snapshot', async ({ after, limit }) => {
      const { page, next } = pageOf([...this.rows.values()], (r) => `${r.sheet_id}\u0000${r.row_key}`, after, limit);
      return { rows: page, next };
    });
  }

  private answer<C extends CommandName>(name: C, handler: CommandHandler<C>): void {
    if (this.silent.includes(name)) return;
    this.bus.handleCommand(name, async (request) => {
      this.calls.push({ command: name, request });
      return handler(request);
    });
  }

  start(): Promise<void> {
    return this.bus.start();
  }

  stop(): Promise<void> {
    return this.bus.stop();
  }

  publish<T extends EventType>(type: T, payload: EventPayloadInput<T>): Promise<unknown> {
    return this.bus.publish(type, payload);
  }
}
