import type { DataSource, EntityManager } from 'typeorm';
import { register } from 'prom-client';
import { BatchOptions, MessageBus, MessageBusOptions } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL, TestTopology } from '@pokervod/testing';
import { BENCH_COMMAND, BENCH_EVENT } from './constants';
import type { EventPath, RequestPath, Sink } from './drivers';
import { busLogger, now } from '../shared/util';

/** Deliveries and batches so far, from the bus's `pokervod_event_batch_size` histogram (every bus in this process). */
export async function batchTotals(): Promise<{ deliveries: number; batches: number }> {
  const metric = register.getSingleMetric('pokervod_event_batch_size');
  const values = metric ? (await metric.get()).values : [];
  const pick = (suffix: string) =>
    values
      .filter((v) => (v as { metricName?: string }).metricName === `pokervod_event_batch_size_${suffix}`)
      .reduce((n, v) => n + v.value, 0);
  return { deliveries: pick('sum'), batches: pick('count') };
}

export interface BusPathOptions {
  topology: TestTopology;
  /** Consumer prefetch (the bus default is 32). */
  prefetch?: number;
  /**
   * Consumer bus with inbox/outbox in `schema` of this data source; `batch`
   * registers the handler with `batch: true` (one transaction per batch of
   * deliveries instead of one per delivery).
   */
  postgres?: { dataSource: DataSource; schema: string; batch?: boolean };
  /** The consumer bus's batch options (the bus defaults otherwise). */
  batchOptions?: BatchOptions;
}

/**
 * Two MessageBus instances on separate connections: `publisher` publishes
 * events and sends commands; `consumer` handles the events and answers
 * `catalog.create_project`.
 */
export class BusPath implements EventPath, RequestPath {
  readonly sink: Sink = { tracker: null };
  readonly waitForCommit: boolean;
  readonly publisher: MessageBus;
  readonly consumer: MessageBus;
  /** Transactions whose handlers ran, waiting for their commit (a batch transaction runs many). */
  private readonly uncommitted = new Map<EntityManager, { tag: string; i: number }[]>();

  constructor(
    readonly label: string,
    private readonly opts: BusPathOptions,
  ) {
    const { topology } = opts;
    const common: Omit<MessageBusOptions, 'app'> = {
      url: TEST_AMQP_URL,
      block: 'B',
      retryPolicy: RETRY_POLICIES.B,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: busLogger,
      drainTimeoutMs: 3_000,
      prefetch: opts.prefetch,
    };
    this.waitForCommit = !!opts.postgres;
    this.publisher = new MessageBus({ ...common, app: 'bench-publisher', connectionName: `${topology.id}-publisher` });
    this.consumer = new MessageBus({
      ...common,
      app: 'bench-consumer',
      connectionName: `${topology.id}-consumer`,
      dataSource: opts.postgres?.dataSource,
      schema: opts.postgres?.schema,
      batch: opts.batchOptions,
    });

    this.consumer.on(
      BENCH_EVENT,
      (event, ctx) => {
        const t = now();
        // payload.code = phase tag, payload.project_id = sequence number
        const tag = event.payload.code;
        const i = Number(event.payload.project_id);
        this.sink.tracker?.handled(tag, i, t);
        // The Postgres bus runs this handler in a transaction (inbox row first); remember which one.
        if (this.waitForCommit) {
          const manager = ctx.db();
          const marks = this.uncommitted.get(manager);
          if (marks) marks.push({ tag, i });
          else this.uncommitted.set(manager, [{ tag, i }]);
        }
      },
      { batch: opts.postgres?.batch ?? false },
    );
    this.consumer.handleCommand(BENCH_COMMAND, (req) => ({ id: `p-${req.code}`, code: req.code, name: req.name }));

    if (opts.postgres) this.observeCommits(opts.postgres.dataSource);
  }

  /**
   * Benchmark instrumentation, not a bus feature: wraps `dataSource.transaction`
   * so we learn when the transaction a handler ran in has committed (the bus
   * acks right after). The relay's own transactions pass through untouched.
   */
  private observeCommits(ds: DataSource): void {
    const original = ds.transaction.bind(ds) as (...args: unknown[]) => Promise<unknown>;
    (ds as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (
      ...args: unknown[]
    ) => {
      const work = args[args.length - 1] as (m: EntityManager) => Promise<unknown>;
      let used: EntityManager | undefined;
      let result: unknown;
      try {
        result = await original(...args.slice(0, -1), (m: EntityManager) => {
          used = m;
          return work(m);
        });
      } catch (error) {
        if (used) this.uncommitted.delete(used); // rolled back: the bus runs those events again
        throw error;
      }
      const marks = used ? this.uncommitted.get(used) : undefined;
      if (used && marks) {
        this.uncommitted.delete(used);
        const t = now();
        for (const mark of marks) this.sink.tracker?.committed(mark.tag, mark.i, t);
      }
      return result;
    };
  }

  async start(): Promise<void> {
    await Promise.all([this.publisher.start(), this.consumer.start()]);
  }

  publish(tag: string, i: number): Promise<unknown> {
    return this.publisher.publish(BENCH_EVENT, { project_id: String(i), code: tag, name: `bench project ${i}` });
  }

  request(i: number): Promise<unknown> {
    return this.publisher.request(BENCH_COMMAND, { code: `c${i}`, name: `bench project ${i}` });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.publisher.stop(), this.consumer.stop()]);
  }
}
