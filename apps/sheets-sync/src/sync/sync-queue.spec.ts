import { SyncQueue } from './sync-queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('SyncQueue', () => {
  it('runs one at a time per key, in order, and keys independently', async () => {
    const queue = new SyncQueue();
    const log: string[] = [];
    const g = gate();
    const a1 = queue.run(
      'a',
      async () => {
        log.push('a1 start');
        await g.opened;
        log.push('a1 end');
      },
      false,
    );
    const a2 = queue.run('a', async () => void log.push('a2'), false);
    const b1 = queue.run('b', async () => void log.push('b1'), false);
    await b1;
    expect(log).toEqual(['a1 start', 'b1']);
    expect(queue.busy('a')).toBe(true);
    g.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await queue.idle();
    expect(queue.busy('a')).toBe(false);
  });

  it('joins signals waiting for the same key, but never joins a run already going', async () => {
    const queue = new SyncQueue();
    let runs = 0;
    const g = gate();
    const going = queue.run(
      'a',
      async () => {
        runs++;
        await g.opened;
        return runs;
      },
      true,
    );
    await Promise.resolve();
    const s1 = queue.run('a', async () => ++runs, true);
    const s2 = queue.run('a', async () => ++runs, true);
    const own = queue.run('a', async () => ++runs, false);
    expect(s1).toBe(s2);
    g.open();
    expect(await going).toBe(1);
    expect(await s1).toBe(2);
    expect(await own).toBe(3);
    expect(runs).toBe(3);
  });

  it('a failed run does not stop the next', async () => {
    const queue = new SyncQueue();
    const failed = queue.run('a', async () => Promise.reject(new Error('boom')), false);
    const next = queue.run('a', async () => 'ok', false);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
