import { Clock, QuotaWaitExceededError, RateLimiter } from './rate-limiter';

/** Time moves only when someone sleeps (concurrent sleepers: the clock jumps to the latest). */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('lets a minute’s worth through at once, then waits for the window to slide', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter('sheets', 60, clock);
    for (let i = 0; i < 60; i++) await limiter.take(120_000);
    expect(clock.slept).toEqual([]);
    await limiter.take(120_000);
    expect(clock.slept).toEqual([60_000]);
  });

  it('never lets more than N start in any 60 s window', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter('sheets', 10, clock);
    const times: number[] = [];
    for (let i = 0; i < 45; i++) {
      await limiter.take(120_000);
      times.push(clock.now());
    }
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(10);
    expect(times[44]).toBe(4 * 60_000);
  });

  it('queues concurrent callers in order', async () => {
    const wakeups: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => void wakeups.push(ms) };
    const limiter = new RateLimiter('sheets', 2, clock);
    await Promise.all([1, 2, 3, 4, 5].map(() => limiter.take(300_000)));
    expect(wakeups).toEqual([60_000, 60_000, 120_000]);
  });

  it('refuses a wait longer than allowed, without using a slot', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter('sheets', 1, clock);
    await limiter.take(0);
    await expect(limiter.take(30_000)).rejects.toBeInstanceOf(QuotaWaitExceededError);
    expect(clock.slept).toEqual([]);
    await limiter.take(60_000);
    expect(clock.slept).toEqual([60_000]);
    expect(limiter.available()).toBe(0);
  });
});
