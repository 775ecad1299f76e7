import { Batcher, BatcherOptions } from './batcher';

/** A batcher whose batches finish when the test says so. */
function harness(options: BatcherOptions) {
  const started: number[][] = [];
  const finishers: (() => void)[] = [];
  const batcher = new Batcher<number>(options, (batch) => {
    started.push(batch);
    return new Promise<void>((resolve) => finishers.push(resolve));
  });
  const finish = async (i: number) => {
    finishers[i]();
    await new Promise((r) => setImmediate(r));
  };
  return { batcher, started, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Batcher', () => {
  it('puts what arrives in the same turn of the event loop into one batch (linger 0)', async () => {
    const { batcher, started } = harness({ maxSize: 10, lingerMs: 0, concurrency: 1 });
    for (let i = 0; i < 4; i++) batcher.add(i);
    expect(started).toEqual([]);
    await tick();
    expect(started).toEqual([[0, 1, 2, 3]]);
  });

  it('starts a batch at once when maxSize items wait, and the rest in the next', async () => {
    const { batcher, started } = harness({ maxSize: 3, lingerMs: 1000, concurrency: 2 });
    for (let i = 0; i < 5; i++) batcher.add(i);
    expect(started).toEqual([[0, 1, 2]]);
    expect(batcher.load).toEqual({ waiting: 2, running: 1 });
  });

  it('waits lingerMs for company, counted from the first waiting item', async () => {
    jest.useFakeTimers();
    try {
      const { batcher, started } = harness({ maxSize: 10, lingerMs: 5, concurrency: 1 });
      batcher.add(1);
      jest.advanceTimersByTime(3);
      batcher.add(2);
      jest.advanceTimersByTime(1);
      expect(started).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(started).toEqual([[1, 2]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never runs more than `concurrency` batches; what arrives meanwhile goes together when a slot frees up', async () => {
    const { batcher, started, finish } = harness({ maxSize: 4, lingerMs: 0, concurrency: 2 });
    batcher.add(1);
    await tick();
    batcher.add(2);
    await tick();
    expect(started).toEqual([[1], [2]]);
    for (let i = 3; i <= 8; i++) batcher.add(i);
    await tick();
    expect(started).toHaveLength(2);
    expect(batcher.load).toEqual({ waiting: 6, running: 2 });
    await finish(0);
    expect(started[2]).toEqual([3, 4, 5, 6]);
    await finish(1);
    expect(started[3]).toEqual([7, 8]);
    expect(batcher.load).toEqual({ waiting: 0, running: 2 });
  });

  it('keeps going after a batch that rejects', async () => {
    const seen: number[][] = [];
    const batcher = new Batcher<number>({ maxSize: 2, lingerMs: 0, concurrency: 1 }, async (batch) => {
      seen.push(batch);
      if (batch.includes(1)) throw new Error('boom');
    });
    batcher.add(1);
    batcher.add(2);
    batcher.add(3);
    await tick();
    await tick();
    expect(seen).toEqual([[1, 2], [3]]);
  });

  it('refuses options that would never start a batch', () => {
    expect(() => new Batcher({ maxSize: 0, lingerMs: 0, concurrency: 1 }, async () => undefined)).toThrow(
      /invalid batch options/,
    );
    expect(() => new Batcher({ maxSize: 1, lingerMs: 0, concurrency: 0 }, async () => undefined)).toThrow(
      /invalid batch options/,
    );
  });
});
