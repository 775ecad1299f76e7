import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';

/**
 * Work to do once a transaction has committed — never if it rolls back:
 * a row a transaction inserted may be shared with other transactions only
 * then (before, their foreign keys cannot see it). Hooks into TypeORM's
 * transaction events, which every `dataSource.transaction()` (the bus's
 * handler transactions included) broadcasts to the data source's subscribers.
 */
@Injectable()
export class CommitHooks implements OnModuleInit {
  private readonly pending = new WeakMap<object, { committed: (() => void)[]; ended: (() => void)[] }>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => this.run(queryRunner, true),
      afterTransactionRollback: ({ queryRunner }) => this.run(queryRunner, false),
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /**
   * Runs `committed` after the transaction of `m` commits, `ended` after it
   * commits or rolls back; outside a transaction, both now.
   */
  afterCommit(m: EntityManager, committed: () => void, ended?: () => void): void {
    const runner = m.queryRunner;
    if (!runner?.isTransactionActive) {
      committed();
      ended?.();
      return;
    }
    let hooks = this.pending.get(runner);
    if (!hooks) {
      hooks = { committed: [], ended: [] };
      this.pending.set(runner, hooks);
    }
    hooks.committed.push(committed);
    if (ended) hooks.ended.push(ended);
  }

  private run(runner: object, committed: boolean): void {
    const hooks = this.pending.get(runner);
    this.pending.delete(runner);
    if (!hooks) return;
    if (committed) for (const fn of hooks.committed) fn();
    for (const fn of hooks.ended) fn();
  }
}
