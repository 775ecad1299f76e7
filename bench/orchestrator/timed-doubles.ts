/**
 * Blocks A–D for the benchmark: `BlockDoubles` from @pokervod/block-doubles (the
 * real queues, the real request events), with every block's behaviour set to
 * "record the arrival, answer at once". The completion is published by the
 * benchmark itself, on one MessageBus per block, so the time taken right
 * before `publish()` is known; plus a listener for `system.sync.completed`
 * (the end of a full run) and `system.error` (should never come).
 */
import { EventEnvelope, EventPayloadInput, EventType } from '@pokervod/contracts';
import { MessageBus, MessageBusOptions } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { BlockDoubles } from '@pokervod/block-doubles';
import type { TestWorld } from '@pokervod/test-world';
import { busLogger, now } from '../shared/util';

export type Step = 'A' | 'B' | 'C' | 'D';

/** The completion each block answers its request with (docs/architecture.md#sync-phases). */
const COMPLETION: Record<Step, EventType> = {
  A: EventType.NAS_SCAN_COMPLETED,
  B: EventType.CATALOG_UPDATED,
  C: EventType.HAND_ANALYSIS_COMPLETED,
  D: EventType.SHEETS_SYNC_COMPLETED,
};
const STEPS = Object.keys(COMPLETION) as Step[];

/** Everything the benchmark saw of one run (times from `performance.now()`, ms; NaN = not yet). */
export interface RunTimes {
  id: string;
  /** POST /api/orchestrator/sync sent. */
  postedAt: number;
  /** Its 202 arrived. */
  acceptedAt: number;
  /** When each block's `*.requested` of this run reached its double (the handler's first line). */
  requested: Partial<Record<Step, number>>;
  /** When the double called `publish()` for the completion. */
  answered: Partial<Record<Step, number>>;
  /** `system.sync.completed` of this run reached the listener (full runs only). */
  completedAt: number;
  /** Its payload's status. */
  status: string | null;
}

export class TimedDoubles {
  private readonly doubles: BlockDoubles;
  private readonly publishers = new Map<Step, MessageBus>();
  private readonly listener: MessageBus;
  private readonly runs = new Map<string, RunTimes>();
  private readonly waiters = new Set<() => void>();
  private failure: Error | null = null;
  /** A block received a second request within one run. */
  duplicates = 0;
  /** `system.error` events seen. */
  readonly errors: EventEnvelope[] = [];

  constructor({ topology, bus }: TestWorld) {
    const common: Omit<MessageBusOptions, 'app' | 'block' | 'retryPolicy'> = {
      ...bus,
      logger: busLogger,
      drainTimeoutMs: 3_000,
    };
    this.doubles = new BlockDoubles(topology);
    for (const step of STEPS) {
      this.doubles.behaviour[step] = async (event) => {
        const t = now();
        const run = this.run(event.correlation_id);
        if (run.requested[step] !== undefined) this.duplicates++;
        else run.requested[step] = t;
        this.answer(step, run);
        this.notify();
        return 'silent'; // the completion was published above, not by BlockDoubles
      };
      this.publishers.set(
        step,
        new MessageBus({
          ...common,
          app: `bench-block-${step}`,
          block: step,
          retryPolicy: RETRY_POLICIES[step],
          connectionName: `${topology.id}-bench-block-${step}`,
        }),
      );
    }
    this.listener = new MessageBus({
      ...common,
      app: 'bench-listener',
      block: 'E',
      retryPolicy: RETRY_POLICIES.E,
      connectionName: `${topology.id}-bench-listener`,
    });
    this.listener.on(EventType.SYNC_ALL_COMPLETED, (event) => {
      const t = now();
      const run = this.run(event.correlation_id);
      run.completedAt = t;
      run.status = event.payload.status;
      this.notify();
    });
    this.listener.on(EventType.ERROR_OCCURRED, (event) => {
      this.errors.push(event);
    });
  }

  private answer(step: Step, run: RunTimes): void {
    const bus = this.publishers.get(step)!;
    const type = COMPLETION[step];
    run.answered[step] = now();
    // Every completion payload defaults to "done, nothing counted" (sheets: status completed).
    bus.publish(type, {} as EventPayloadInput<typeof type>, { correlationId: run.id }).catch((error: Error) => {
      this.failure ??= new Error(`publishing ${type} failed: ${error.message}`);
      this.notify();
    });
  }

  /** The record of run `id` (its correlation id), created on first sight: a request may arrive before the 202. */
  run(id: string): RunTimes {
    let run = this.runs.get(id);
    if (!run) {
      run = { id, postedAt: NaN, acceptedAt: NaN, requested: {}, answered: {}, completedAt: NaN, status: null };
      this.runs.set(id, run);
    }
    return run;
  }

  /** Forgets a finished run (keeps the map small; the caller keeps what it needs). */
  forget(id: string): void {
    this.runs.delete(id);
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `done()` holds (checked whenever a double or the listener saw something). */
  until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) finish(this.failure);
        else if (done()) finish(null);
      };
      const finish = (error: Error | null) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`${what}: nothing after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  async start(): Promise<void> {
    await this.doubles.start();
    await Promise.all([...this.publishers.values(), this.listener].map((b) => b.start()));
  }

  async stop(): Promise<void> {
    await Promise.allSettled([
      this.doubles.stop(),
      ...[...this.publishers.values(), this.listener].map((b) => b.stop()),
    ]);
  }

  /** Requests the doubles received in all (BlockDoubles keeps each one). */
  get requestCount(): number {
    return this.doubles.requests.length;
  }
}
