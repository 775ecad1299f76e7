import { DataSource, EntityManager } from 'typeorm';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { FileWrites } from './file-writes';
import { FileUpsert, TreeRepository } from './tree.repository';

/**
 * The file rows of a transaction are written together before it commits;
 * what ends up stored must be what writing each at once would have given,
 * savepoints (the bus's retried batches) included.
 */
describe('FileWrites (real Postgres)', () => {
  let world: TestWorld;
  let ds: DataSource;
  const repository = new TreeRepository();
  const writes = new FileWrites(repository);

  const file = (id: string, path: string, eventAt: string): FileUpsert => ({
    id,
    root: 'media',
    path,
    fileName: path,
    nameKey: path.toLowerCase(),
    size: 100,
    parsed: null,
    parserVersion: 1,
    projectCode: null,
    episodeId: null,
    role: 'master',
    eventAt,
  });
  const missing = (id: string, eventAt: string) => ({
    id,
    root: 'media',
    path: `${id}.mp4`,
    fileName: `${id}.mp4`,
    nameKey: `${id}.mp4`,
    missingSince: eventAt,
    eventAt,
  });
  const rows = async (): Promise<{ id: string; path: string; status: string }[]> =>
    ds.query(`SELECT id, path, status FROM catalog.files ORDER BY id`);
  /** The repository's multi-row writes made during `work`, with their sizes. */
  const fileStatements = async (work: () => Promise<unknown>) => {
    const upserts = jest.spyOn(repository, 'upsertFiles');
    const missed = jest.spyOn(repository, 'markFilesMissing');
    try {
      await work();
      const sizes = (spy: jest.SpyInstance) =>
        spy.mock.calls.map((c) => (c[1] as unknown[]).length).filter((n) => n > 0);
      return { upserts: sizes(upserts), missing: sizes(missed) };
    } finally {
      upserts.mockRestore();
      missed.mockRestore();
    }
  };

  beforeAll(async () => {
    world = await testWorld('filewrites');
    ds = await new DataSource({ type: 'postgres', url: world.db.url }).initialize();
    writes.attach(ds);
  });

  beforeEach(async () => {
    await ds.query(`DELETE FROM catalog.files`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await world?.cleanUp();
  });

  it('writes the rows of a transaction in one statement per kind, when it commits', async () => {
    const written = await fileStatements(() =>
      ds.transaction(async (m) => {
        for (let i = 0; i < 50; i++)
          await writes.upsert(m, file(`f${String(i).padStart(2, '0')}`, `a/${i}.mp4`, '2024-01-01T00:00:00Z'));
        await writes.markMissing(m, missing('gone', '2024-01-01T00:00:00Z'));
        expect(await m.query(`SELECT count(*)::int AS n FROM catalog.files`)).toEqual([{ n: 0 }]);
      }),
    );
    expect(written).toEqual({ upserts: [50], missing: [1] });
    const stored = await rows();
    expect(stored).toHaveLength(51);
    expect(stored.find((r) => r.id === 'gone')).toMatchObject({ status: 'missing' });
  });

  it('applies two events of one file in one transaction in order, the later one winning', async () => {
    await ds.transaction(async (m) => {
      await writes.upsert(m, file('f1', 'old/name.mp4', '2024-01-01T00:00:00Z'));
      await writes.upsert(m, file('f1', 'new/name.mp4', '2024-01-01T00:00:01Z'));
      await writes.markMissing(m, missing('f1', '2024-01-01T00:00:02Z'));
      await writes.upsert(m, file('f1', 'stale/name.mp4', '2023-12-31T00:00:00Z')); // older than what was applied
    });
    expect(await rows()).toEqual([{ id: 'f1', path: 'new/name.mp4', status: 'missing' }]);
  });

  it('keeps the rows of a released savepoint, drops those of one rolled back, and writes nothing on rollback', async () => {
    await ds.transaction(async (m) => {
      await writes.upsert(m, file('before', 'before.mp4', '2024-01-01T00:00:00Z'));
      await m.transaction(async (s: EntityManager) =>
        writes.upsert(s, file('kept', 'kept.mp4', '2024-01-01T00:00:00Z')),
      );
      await expect(
        m.transaction(async (s: EntityManager) => {
          await writes.upsert(s, file('dropped', 'dropped.mp4', '2024-01-01T00:00:00Z'));
          throw new Error('this delivery failed');
        }),
      ).rejects.toThrow('this delivery failed');
      await writes.upsert(m, file('after', 'after.mp4', '2024-01-01T00:00:00Z'));
    });
    expect((await rows()).map((r) => r.id)).toEqual(['after', 'before', 'kept']);

    await expect(
      ds.transaction(async (m) => {
        await writes.upsert(m, file('never', 'never.mp4', '2024-01-01T00:00:00Z'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await ds.transaction(async () => undefined); // the next transaction on that connection writes nothing left over
    expect((await rows()).map((r) => r.id)).toEqual(['after', 'before', 'kept']);
  });

  it('writes at once outside a transaction', async () => {
    await writes.upsert(ds.manager, file('alone', 'alone.mp4', '2024-01-01T00:00:00Z'));
    expect(await rows()).toEqual([{ id: 'alone', path: 'alone.mp4', status: 'present' }]);
  });
});
