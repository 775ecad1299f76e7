import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { FileUpsert, MissingFile, TreeRepository } from './tree.repository';

interface Pending {
  upserts: Map<string, FileUpsert>;
  missing: Map<string, MissingFile>;
}

/** TypeORM's nesting level of a query runner's transaction (savepoints count; 0: none). */
const depthOf = (runner: QueryRunner): number =>
  (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;

/**
 * The file rows a transaction writes, gathered and written together: one
 * multi-row statement per kind right before the transaction commits, so a
 * batch of NAS events (the bus runs a batch's handlers in one transaction)
 * costs one file statement, not one per event.
 *
 * The result is what writing each at once would give: pending rows are also
 * written before a savepoint opens and when it is released, and dropped when
 * it rolls back (the bus runs each delivery of a retried batch in a
 * savepoint); a second write of a file already pending writes the pending
 * ones first. Nothing in placement reads `catalog.files` back in the same
 * transaction. Outside a transaction a row is written at once.
 */
export class FileWrites {
  private readonly pending = new WeakMap<QueryRunner, Pending>();

  constructor(private readonly repository: TreeRepository) {}

  /** Hooks into the transactions of `dataSource` (the bus's handler transactions included). */
  attach(dataSource: DataSource): void {
    const subscriber: EntitySubscriberInterface = {
      // BeforeTransactionStart comes with the runner already active: depth > 0 means a savepoint opens.
      beforeTransactionStart: ({ queryRunner }) => (depthOf(queryRunner) > 0 ? this.flush(queryRunner) : undefined),
      beforeTransactionCommit: ({ queryRunner }) => this.flush(queryRunner),
      afterTransactionRollback: ({ queryRunner }) => void this.pending.delete(queryRunner),
    };
    dataSource.subscribers.push(subscriber);
  }

  async upsert(m: EntityManager, file: FileUpsert): Promise<void> {
    const pending = await this.pendingFor(m, file.id);
    if (pending) pending.upserts.set(file.id, file);
    else await this.repository.upsertFiles(m, [file]);
  }

  async markMissing(m: EntityManager, file: MissingFile): Promise<void> {
    const pending = await this.pendingFor(m, file.id);
    if (pending) pending.missing.set(file.id, file);
    else await this.repository.markFilesMissing(m, [file]);
  }

  /** The transaction's pending rows, none of them for `id` (written first if so); null outside a transaction. */
  private async pendingFor(m: EntityManager, id: string): Promise<Pending | null> {
    const runner = m.queryRunner;
    if (!runner?.isTransactionActive) return null;
    let pending = this.pending.get(runner);
    if (pending && (pending.upserts.has(id) || pending.missing.has(id))) {
      await this.flush(runner);
      pending = undefined;
    }
    if (!pending) {
      pending = { upserts: new Map(), missing: new Map() };
      this.pending.set(runner, pending);
    }
    return pending;
  }

  private async flush(runner: QueryRunner): Promise<void> {
    const pending = this.pending.get(runner);
    this.pending.delete(runner);
    if (!pending) return;
    await this.repository.upsertFiles(runner.manager, [...pending.upserts.values()]);
    await this.repository.markFilesMissing(runner.manager, [...pending.missing.values()]);
  }
}
