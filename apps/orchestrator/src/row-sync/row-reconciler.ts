import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { EventType, RowOutcomeRecord } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import { runWithMessageContext } from '@pokervod/telemetry';
import type { OrchestratorConfig } from '../orchestrator.config';
import { SyncRunService } from '../sync-run/sync-run.service';
import { RowEvaluator } from './row-evaluator';
import { rowRetryDelayMs } from './row-keys';
import { ClaimedRow, RowStateRepository } from './row-state.repository';

/** Rows claimed per pass. */
const BATCH = 64;
/** Rows evaluated at once (each is three commands in a row). */
const CONCURRENCY = 16;
/** A claimed row is someone else's until then; renewed while its evaluation runs. */
const LEASE_MS = 10_000;
const LEASE_RENEW_MS = 3_000;
/** After a wake-up, let a burst of events land before claiming. */
const SETTLE_MS = 150;
/** Look for due rows at least this often (other replicas' changes, retries that came due). */
const POLL_MS = 1_000;

const tracer = trace.getTracer('pokervod-row-sync');

const OUTCOME_FIELDS = [
  'outcome',
  'reason',
  'clip_id',
  'video_file_id',
  'episode_id',
  'last_error',
] as const satisfies readonly (keyof RowOutcomeRecord)[];

/**
 * The row sync as a level-triggered controller: the desired state is the
 * stored sheet rows; events only mark the rows they can affect dirty, and
 * this loop settles dirty rows until none is left — whatever order rows,
 * files and episodes arrive in, and after any restart (state and leases
 * are in Postgres). Each settled row commits its outcome and its
 * `sync.row.outcome` event together (outbox); runs waiting for their rows
 * are told after every pass.
 */
@Injectable()
export class RowReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RowSync');
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly inFlight = new Map<string, { sheet_id: string; row_key: string }>();
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rows: RowStateRepository,
    private readonly evaluator: RowEvaluator,
    private readonly runs: SyncRunService,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
    this.renewTimer = setInterval(() => {
      this.rows
        .renewLeases([...this.inFlight.values()], LEASE_MS)
        .catch((error: Error) => this.logger.warn(`renewing row leases failed: ${error.message}`));
    }, LEASE_RENEW_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake();
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.loop;
    await this.rows.release([...this.inFlight.values()]).catch(() => undefined);
  }

  /** Rows were marked dirty: settle them soon. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const settled = await this.pass();
        if (settled > 0) continue;
        await this.sleep(Math.min(POLL_MS, (await this.rows.nextDueInMs()) ?? POLL_MS));
      } catch (error) {
        this.logger.warn(`row sync pass failed: ${(error as Error).message}`);
        await this.sleep(POLL_MS);
      }
    }
  }

  /** One batch of due rows; answers how many were claimed. */
  async pass(): Promise<number> {
    const claimed = await this.rows.claimDue(BATCH, LEASE_MS);
    if (claimed.length > 0) {
      for (const row of claimed) this.inFlight.set(keyOf(row), row);
      let next = 0;
      const worker = async () => {
        while (next < claimed.length && !this.stopped) await this.settleOne(claimed[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
      await this.bus.flushOutbox();
    }
    // Runs whose sheets phase waits for its rows: one may be complete now (also when nothing was dirty).
    if (await this.runs.settleWaitingSteps()) await this.bus.flushOutbox();
    return claimed.length;
  }

  /** One row, in its change's correlation id and its own span: its commands to A, B and C carry both. */
  private settleOne(row: ClaimedRow): Promise<void> {
    const context = { correlationId: row.correlation_id, causationId: null, eventId: null };
    return runWithMessageContext(context, () =>
      tracer.startActiveSpan('row-sync settle', async (span) => {
        span.setAttributes({
          'messaging.conversation_id': row.correlation_id,
          'pokervod.sheet_id': row.sheet_id,
          'pokervod.row_key': row.row_key,
        });
        try {
          await this.settle(row);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        } finally {
          span.end();
        }
      }),
    );
  }

  private async settle(row: ClaimedRow): Promise<void> {
    try {
      const evaluation = await this.evaluator.evaluate(row);
      await this.rows.transaction(async (m) => {
        let record: RowOutcomeRecord;
        if ('settled' in evaluation) {
          record = await this.rows.settle(m, row, evaluation.settled);
        } else {
          const { block, error } = evaluation.transient;
          const delay = rowRetryDelayMs(RETRY_POLICIES[block], row.attempts + 1, this.config.COMMAND_RETRY_DELAY_SCALE);
          record = await this.rows.postpone(m, row, error, delay);
          this.logger.warn(
            `row ${row.tab}!${row.row_number} pending (attempt ${record.attempts}, again in ${delay} ms): ${error}`,
          );
        }
        if (changed(row, record)) {
          await this.bus.publishInTransaction(m, EventType.ROW_OUTCOME, record, { correlationId: row.correlation_id });
        }
      });
    } catch (error) {
      // Not an answer and not a block's failure: a bug or the database. The lease runs out and it is tried again.
      this.logger.error(`row ${row.tab}!${row.row_number} could not be settled: ${(error as Error).message}`);
    } finally {
      this.inFlight.delete(keyOf(row));
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.woken) {
      this.woken = false;
      return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      // A burst of events wakes the loop once; it waits for the burst to land.
      this.wakeUp = () => {
        this.woken = false;
        clearTimeout(timer);
        this.wakeUp = null;
        setTimeout(finish, this.stopped ? 0 : SETTLE_MS);
      };
    });
  }
}

const keyOf = (row: { sheet_id: string; row_key: string }) => `${row.sheet_id}\u001f${row.row_key}`;

function changed(before: ClaimedRow, after: RowOutcomeRecord): boolean {
  return (
    OUTCOME_FIELDS.some((f) => before[f] !== after[f]) ||
    JSON.stringify(before.reasons) !== JSON.stringify(after.reasons) ||
    before.generation === '1'
  );
}
