import {
  APPS,
  AppName,
  BlockId,
  CommandName,
  CommandRequest,
  CommandResponse,
  EventEnvelope,
  EventType,
} from '@pokervod/contracts';
import { CommandHandler, MessageBus } from '@pokervod/messaging';
import { RetryPolicy } from '@pokervod/resilience';
import { TEST_AMQP_URL, TestTopology } from '@pokervod/testing';
import { SYNC_PLANS } from '../sync-run/sync-plan';

/** What a block double does with a `*.requested` event. */
export type Behaviour = 'answer' | 'silent' | 'fail' | ((event: EventEnvelope) => Promise<'answer' | 'silent'>);

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const noRetry: RetryPolicy = {
  maxAttempts: 1,
  backoff: 'fixed',
  baseDelayMs: 0,
  maxDelayMs: 0,
  circuitBreaker: false,
  rollbackOnFail: false,
};
const STEPS = Object.values(SYNC_PLANS).flatMap((plan) => plan.flatMap((p) => p.steps));
const APP_OF: Record<string, AppName> = { A: 'nas-inventory', B: 'catalog', C: 'hand-analysis', D: 'sheets-sync' };

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
  readonly commands: Partial<{ [C in CommandName]: (req: CommandRequest<C>) => Promise<CommandResponse<C>> }> = {};
  private readonly buses: MessageBus[] = [];

  constructor(private readonly topology: TestTopology) {}

  async start(): Promise<void> {
    for (const [block, app] of Object.entries(APP_OF) as [BlockId, AppName][]) {
      const bus = new MessageBus({
        url: TEST_AMQP_URL,
        app,
        block,
        retryPolicy: noRetry,
        exchange: this.topology.exchange,
        commandExchange: this.topology.commandExchange,
        queuePrefix: this.topology.queuePrefix,
        connectionName: `${this.topology.id}-double-${app}`,
        logger: quiet,
      });
      const step = STEPS.find((s) => s.block === block)!;
      bus.on(step.request, async (event, ctx) => {
        this.requests.push(event);
        const behaviour = this.behaviour[block] ?? 'answer';
        if (behaviour === 'fail') throw new Error(`block ${block} is broken`);
        const action = typeof behaviour === 'function' ? await behaviour(event) : behaviour;
        if (action === 'answer') ctx.emit(step.completion, {});
      });
      for (const [command, def] of Object.entries(this.commandDefs())) {
        if (APPS[def].block !== block) continue;
        bus.handleCommand(
          command as CommandName,
          (async (req: unknown) => {
            this.commandCalls.push({ command: command as CommandName, request: req });
            const handler = this.commands[command as CommandName] as ((r: unknown) => Promise<unknown>) | undefined;
            if (!handler) throw new Error(`no double for ${command}`);
            return handler(req);
          }) as CommandHandler<CommandName>,
        );
      }
      await bus.start();
      this.buses.push(bus);
    }
  }

  requestsOf(correlationId: string): string[] {
    return this.requests.filter((e) => e.correlation_id === correlationId).map((e) => e.type);
  }

  async stop(): Promise<void> {
    await Promise.all(this.buses.map((b) => b.stop()));
  }

  private commandDefs(): Record<string, AppName> {
    return {
      'nas.match_file_path': 'nas-inventory',
      'catalog.match_episode': 'catalog',
      'hands.create_hand_clip': 'hand-analysis',
      'hands.remove_hand_clip': 'hand-analysis',
    };
  }
}

export { EventType };
