import { DataSource, EntityManager } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@pokervod/testing';
import { CommitHooks } from './commit-hooks';

describe('CommitHooks (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let hooks: CommitHooks;
  let log: string[];
  const track = (m: EntityManager, name: string) =>
    hooks.afterCommit(
      m,
      () => log.push(`${name} committed`),
      () => log.push(`${name} ended`),
    );

  beforeAll(async () => {
    db = await createTestDatabase('commithooks');
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    hooks = new CommitHooks(ds);
    hooks.onModuleInit();
  });

  beforeEach(() => {
    log = [];
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('runs hooks after the commit, and only `ended` after a rollback', async () => {
    await ds.transaction(async (m) => {
      track(m, 'a');
      expect(log).toEqual([]);
    });
    await expect(
      ds.transaction(async (m) => {
        track(m, 'b');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(log).toEqual(['a committed', 'a ended', 'b ended']);
  });

  it('holds the hooks of a released savepoint until the real commit and drops those of one rolled back', async () => {
    await ds.transaction(async (m) => {
      track(m, 'outer');
      await m.transaction(async (s: EntityManager) => track(s, 'released'));
      expect(log).toEqual([]); // a savepoint released is not a commit: its rows are not visible to others yet
      await m
        .transaction(async (s: EntityManager) => {
          track(s, 'rolled back');
          throw new Error('one delivery failed');
        })
        .catch(() => undefined);
      expect(log).toEqual(['rolled back ended']);
    });
    expect(log).toEqual([
      'rolled back ended',
      'outer committed',
      'released committed',
      'outer ended',
      'released ended',
    ]);
  });
});
