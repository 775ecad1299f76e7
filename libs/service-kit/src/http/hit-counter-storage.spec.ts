import { HitCounterStorage } from './hit-counter-storage';

describe('HitCounterStorage', () => {
  it('counts hits per client and refuses past the limit until the block ends', async () => {
    const storage = new HitCounterStorage();
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('client-a', 60_000, 3, 30_000, 'default'));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(hits[0]!.timeToExpire).toBe(60);
    expect(hits[3]!.timeToBlockExpire).toBe(30);
    // Another client, and the same client under another throttler, count apart.
    expect(await storage.increment('client-b', 60_000, 3, 30_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    expect(await storage.increment('client-a', 60_000, 3, 30_000, 'burst')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('starts a new window when the old one has passed', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-08T00:00:00Z') });
    try {
      const storage = new HitCounterStorage();
      await storage.increment('client', 1_000, 1, 0, 'default');
      expect((await storage.increment('client', 1_000, 1, 0, 'default')).isBlocked).toBe(true);
      jest.advanceTimersByTime(1_001);
      expect(await storage.increment('client', 1_000, 1, 0, 'default')).toMatchObject({
        totalHits: 1,
        isBlocked: false,
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps one counter per client however many hits it takes (no per-hit list)', async () => {
    const storage = new HitCounterStorage();
    let last = { totalHits: 0, isBlocked: true };
    for (let i = 0; i < 100_000; i++) last = await storage.increment('busy', 60_000, 1_000_000, 60_000, 'default');
    expect(last).toMatchObject({ totalHits: 100_000, isBlocked: false });
  });
});
