import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@pokervod/testing';
import { isTransactionConflict, transactionRetryingConflicts } from './conflict-retry';

jest.setTimeout(60_000);

describe('transactionRetryingConflicts (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('conflict_retry');
    dataSource = new DataSource({ type: 'postgres', url: db.url, poolSize: 4 });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)`);
    await dataSource.query(`INSERT INTO counters VALUES (1, 0), (2, 0)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Locks both rows, in the given order, with a pause between: two of them in opposite orders deadlock. */
  const crosswise =
    (first: number, second: number, attempts: number[]) => async (m: import('typeorm').EntityManager) => {
      attempts.push(first);
      await m.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [first]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await m.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [second]);
    };

  it('plain transactions: Postgres ends one of two crosswise writers as a deadlock victim', async () => {
    const results = await Promise.allSettled([
      dataSource.transaction(crosswise(1, 2, [])),
      dataSource.transaction(crosswise(2, 1, [])),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isTransactionConflict(failed[0]!.reason)).toBe(true);
  });

  it('runs the victim again, so both writers land', async () => {
    const [before] = await dataSource.query(`SELECT sum(n)::int AS n FROM counters`);
    const attempts: number[] = [];
    await Promise.all([
      transactionRetryingConflicts(dataSource, crosswise(1, 2, attempts)),
      transactionRetryingConflicts(dataSource, crosswise(2, 1, attempts)),
    ]);
    const [after] = await dataSource.query(`SELECT sum(n)::int AS n FROM counters`);
    expect(after.n - before.n).toBe(4);
    expect(attempts.length).toBe(3); // one ran twice
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    await expect(
      transactionRetryingConflicts(dataSource, async (m) => {
        runs++;
        await m.query(`SELECT * FROM no_such_table`);
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(runs).toBe(1);
  });
});
