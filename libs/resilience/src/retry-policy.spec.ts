import { RETRY_POLICIES, canRetry, retryDelayMs, retryDelays, withRetry, RetryPolicy } from './retry-policy';

describe('retry policies', () => {
  it('holds the policy table', () => {
    expect(RETRY_POLICIES.A).toMatchObject({ maxAttempts: 3, backoff: 'exponential', baseDelayMs: 5000 });
    expect(RETRY_POLICIES.B).toMatchObject({ maxAttempts: 3, backoff: 'exponential', baseDelayMs: 5000 });
    expect(RETRY_POLICIES.C).toMatchObject({ maxAttempts: 2, backoff: 'fixed', baseDelayMs: 2000 });
    expect(RETRY_POLICIES.D).toMatchObject({ maxAttempts: 5, backoff: 'exponential', baseDelayMs: 10000 });
    expect(RETRY_POLICIES.E).toMatchObject({ maxAttempts: 1, circuitBreaker: true });
    expect(RETRY_POLICIES.F.maxAttempts).toBe(0);
    expect(RETRY_POLICIES.G).toMatchObject({ maxAttempts: 1, rollbackOnFail: true });
  });

  it('doubles exponential delays and keeps fixed ones', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(RETRY_POLICIES.D, n))).toEqual([10000, 20000, 40000, 80000]);
    expect([1, 2].map((n) => retryDelayMs(RETRY_POLICIES.C, n))).toEqual([2000, 2000]);
  });

  it('caps a delay at maxDelayMs', () => {
    const p: RetryPolicy = { ...RETRY_POLICIES.D, maxDelayMs: 25_000 };
    expect(retryDelayMs(p, 3)).toBe(25_000);
  });

  it('counts the first attempt in maxAttempts', () => {
    expect([1, 2, 3].map((n) => canRetry(RETRY_POLICIES.A, n))).toEqual([true, true, false]);
    expect(canRetry(RETRY_POLICIES.E, 1)).toBe(false);
    expect(canRetry(RETRY_POLICIES.F, 1)).toBe(false);
  });

  it('lists the distinct delays a policy needs', () => {
    expect(retryDelays(RETRY_POLICIES.A)).toEqual([5000, 10000]);
    expect(retryDelays(RETRY_POLICIES.C)).toEqual([2000]);
    expect(retryDelays(RETRY_POLICIES.E)).toEqual([]);
  });

  it('withRetry retries until success and gives up after maxAttempts', async () => {
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    let calls = 0;
    await expect(
      withRetry(
        RETRY_POLICIES.A,
        async () => {
          calls++;
          if (calls < 3) throw new Error('boom');
          return 'ok';
        },
        sleep,
      ),
    ).resolves.toBe('ok');
    expect(slept).toEqual([5000, 10000]);

    calls = 0;
    await expect(
      withRetry(
        RETRY_POLICIES.C,
        async () => {
          calls++;
          throw new Error('always');
        },
        sleep,
      ),
    ).rejects.toThrow('always');
    expect(calls).toBe(2);
  });

  it('withRetry stops at once on an error the caller says is not worth retrying', async () => {
    let calls = 0;
    const work = async () => {
      calls++;
      throw new Error('bad request');
    };
    await expect(
      withRetry(
        RETRY_POLICIES.D,
        work,
        async () => undefined,
        () => false,
      ),
    ).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });
});
