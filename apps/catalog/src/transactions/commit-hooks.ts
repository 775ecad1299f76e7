import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

interface Hooks {
  committed: (() => void)[];
  ended: (() => void)[];
}

/** TypeORM's nesting level of a query runner's transaction (savepoints count; 0: none). */
const depthOf = (runner: QueryRunner): number =>
  (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;

/**
 * Work to do once a transaction has committed — never if it rolls back:
 * a row a transaction inserted may be shared with other transactions only
 * then (before, their foreign keys cannot see it). Hooks into TypeORM's
 * transaction events, which every `dataSource.transaction()` (the bus's
 * handler transactions included) broadcasts to the data source's subscribers.
 * Savepoints (the bus runs each delivery of a retried batch in one) are
 * followed: hooks of a released savepoint wait for the real commit, those of
 * one rolled back are dropped.
 */
@Injectable()
export class CommitHooks implements OnModuleInit {
  /** Per runner, the hooks registered at each nesting level (1: the transaction itself). */
  private readonly pending = new WeakMap<object, Map<number, Hooks>>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => this.ended(queryRunner, true),
      afterTransactionRollback: ({ queryRunner }) => this.ended(queryRunner, false),
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
    const hooks = this.at(runner, Math.max(1, depthOf(runner)));
    hooks.committed.push(committed);
    if (ended) hooks.ended.push(ended);
  }

  /** A transaction or savepoint ended (the runner's depth is already the outer one's). */
  private ended(runner: QueryRunner, committed: boolean): void {
    const levels = this.pending.get(runner);
    if (!levels) return;
    const outer = depthOf(runner);
    const closing = [...levels.keys()].filter((level) => level > outer);
    if (outer > 0 && committed) {
      // A savepoint released: its hooks now wait for the enclosing transaction.
      const into = this.at(runner, outer);
      for (const level of closing) {
        const hooks = levels.get(level) as Hooks;
        levels.delete(level);
        into.committed.push(...hooks.committed);
        into.ended.push(...hooks.ended);
      }
      return;
    }
    for (const level of closing) {
      const hooks = levels.get(level) as Hooks;
      levels.delete(level);
      if (committed) for (const fn of hooks.committed) fn();
      for (const fn of hooks.ended) fn();
    }
    if (levels.size === 0) this.pending.delete(runner);
  }

  private at(runner: QueryRunner, level: number): Hooks {
    let levels = this.pending.get(runner);
    if (!levels) {
      levels = new Map();
      this.pending.set(runner, levels);
    }
    let hooks = levels.get(level);
    if (!hooks) {
      hooks = { committed: [], ended: [] };
      levels.set(level, hooks);
    }
    return hooks;
  }
}
