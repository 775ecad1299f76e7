import {
  APPS,
  AppName,
  BlockId,
  CommandName,
  CommandRequest,
  CommandResponse,
  Commands,
  EventEnvelope,
  EventType,
} from '@pokervod/contracts';
import { CommandHandler, MessageBus } from '@pokervod/messaging';
import { RetryPolicy } from '@pokervod/resilience';
import { quietLogger, TEST_AMQP_URL, TestTopology } from '@pokervod/testing';

/** What a block double does with a `*.requested` event. */
export type Behaviour = 'answer' | 'silent' | 'fail' | ((event: EventEnvelope) => Promise<'answer' | 'silent'>);

type CommandDoubles = Partial<{ [C in CommandName]: (req: CommandRequest<C>) => Promise<CommandResponse<C>> }>;

const noRetry: RetryPolicy = {
  maxAttempts: 1,
  backoff: 'fixed',
  baseDelayMs: 0,
  maxDelayMs: 0,
  circuitBreaker: false,
  rollbackOnFail: false,
};

/** Each block's request event and the completion event it answers with (docs/architecture.md#sync-phases). */
const BLOCKS: { block: BlockId; app: AppName; request: EventType; completion: EventType }[] = [
  { block: 'A', app: 'nas-inventory', request: EventType.NAS_SCAN_REQUESTED, completion: EventType.NAS_SCAN_COMPLETED },
  { block: 'B', app: 'catalog', request: EventType.CATALOG_UPDATE_REQUESTED, completion: EventType.CATALOG_UPDATED },
  {
    block: 'C',
    app: 'hand-analysis',
    request: EventType.HAND_ANALYSIS_REQUESTED,
    completion: EventType.HAND_ANALYSIS_COMPLETED,
  },
  {
    block: 'D',
    app: 'sheets-sync',
    request: EventType.SHEETS_SYNC_REQUESTED,
    completion: EventType.SHEETS_SYNC_COMPLETED,
  },
];

/**
 * Blocks A–D as test doubles that speak the real messages over the real
 * broker: they receive `*.requested` events and answer with completion
 * events (or stay silent, or fail), and answer commands with handlers the
 * test sets. Every request and command call is recorded.
 */
export class BlockDoubles {
  readonly requests: EventEnvelope[] = [];
  readonly commandCalls: { command: CommandName; request: unknown }[] = [];
  readonly behaviour: Partial<Record<BlockId, Behaviour>> = {};
  readonly commands: CommandDoubles = {};
  private readonly buses: MessageBus[] = [];

  constructor(private readonly topology: TestTopology) {}

  async start(): Promise<void> {
    for (const { block, app, request, completion } of BLOCKS) {
      const bus = new MessageBus({
        url: TEST_AMQP_URL,
        app,
        block,
        retryPolicy: noRetry,
        exchange: this.topology.exchange,
        commandExchange: this.topology.commandExchange,
        queuePrefix: this.topology.queuePrefix,
        connectionName: `${this.topology.id}-double-${app}`,
        logger: quietLogger,
      });
      bus.on(request, async (event, ctx) => {
        this.requests.push(event);
        const behaviour = this.behaviour[block] ?? 'answer';
        if (behaviour === 'fail') throw new Error(`block ${block} is broken`);
        const action = typeof behaviour === 'function' ? await behaviour(event) : behaviour;
        if (action === 'answer') ctx.emit(completion, {});
      });
      for (const command of Object.keys(Commands) as CommandName[]) {
        if (command === 'system.ping' || APPS[Commands[command].app].block !== block) continue;
        bus.handleCommand(command, (async (req: unknown) => {
          this.commandCalls.push({ command, request: req });
          const handler = this.commands[command] as ((r: unknown) => Promise<unknown>) | undefined;
          if (!handler) throw new Error(`no double for ${command}`);
          return handler(req);
        }) as CommandHandler<CommandName>);
      }
      await bus.start();
      this.buses.push(bus);
    }
  }

  /**
   * The request event types this double received for one run, in order. A
   * redelivery of the same message (the outbox publishes at least once: a
   * process killed between publishing and recording it publishes it again)
   * counts once, as a block's inbox would take it once; a new request counts.
   */
  requestsOf(correlationId: string): string[] {
    const seen = new Set<string>();
    return this.requests
      .filter((e) => e.correlation_id === correlationId && !seen.has(e.id) && seen.add(e.id))
      .map((e) => e.type);
  }

  async stop(): Promise<void> {
    await Promise.all(this.buses.map((b) => b.stop()));
  }
}
