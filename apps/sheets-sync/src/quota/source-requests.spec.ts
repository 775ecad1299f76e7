import { RateLimiter } from './rate-limiter';
import { ReadCutShortError, SourceRequests } from './source-requests';
import { quietLogger } from '@pokervod/testing';

const settings = { maxAttempts: 5, baseDelayMs: 100, quotaWaitMs: 10_000, timeoutMs: 1_000, breakerResetMs: 60_000 };

function clock() {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
}
const httpError = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${status}`), {
    status,
    response: { status, headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}) },
  });

describe('SourceRequests', () => {
  it('retries 429/5xx with policy D’s exponential delays, honouring a longer Retry-After', async () => {
    const c = clock();
    const requests = new SourceRequests('s1', settings, quietLogger, c);
    const outcomes = [httpError(429, '3'), httpError(503), httpError(500)];
    let calls = 0;
    const result = await requests.call('values.batchGet', null, async () => {
      calls++;
      const next = outcomes.shift();
      if (next) throw next;
      return 'rows';
    });
    expect(result).toBe('rows');
    expect(calls).toBe(4);
    expect(c.slept).toEqual([3000, 200, 400]);
    requests.shutdown();
  });

  it('does not retry a 404 or a refused permission, and they do not open the breaker', async () => {
    const c = clock();
    const requests = new SourceRequests('s2', settings, quietLogger, c);
    for (let i = 0; i < 8; i++) {
      await expect(requests.call('get', null, async () => Promise.reject(httpError(404)))).rejects.toMatchObject({
        status: 404,
      });
    }
    expect(c.slept).toEqual([]);
    expect(requests.breakerState).toBe('CLOSED');
    requests.shutdown();
  });

  it('gives up after 5 attempts of a persistent 500: cut short, breaker open, then failing fast', async () => {
    const c = clock();
    const requests = new SourceRequests('s3', settings, quietLogger, c);
    let calls = 0;
    const failing = async () => {
      calls++;
      throw httpError(500);
    };
    const first = requests.call('values.batchGet', null, failing);
    await expect(first).rejects.toBeInstanceOf(ReadCutShortError);
    await expect(first).rejects.toThrow(/gave up after 5 attempts: HTTP 500/);
    expect(calls).toBe(5);
    expect(requests.breakerState).toBe('OPEN');
    await expect(requests.call('values.batchGet', null, failing)).rejects.toThrow(/circuit open/);
    expect(calls).toBe(5);
    requests.shutdown();
  });

  it('cuts the read short when Google asks for a wait longer than allowed', async () => {
    const requests = new SourceRequests('s4', { ...settings, quotaWaitMs: 5_000 }, quietLogger, clock());
    await expect(requests.call('get', null, async () => Promise.reject(httpError(429, '30')))).rejects.toThrow(
      /retry after 30 s/,
    );
    requests.shutdown();
  });

  it('takes a rate-limit slot per attempt and cuts short when the wait is too long', async () => {
    const limiter = new RateLimiter('sheets', 2, { now: () => 0, sleep: async () => undefined });
    const requests = new SourceRequests('s5', { ...settings, quotaWaitMs: 1_000 }, quietLogger, clock());
    await requests.call('a', limiter, async () => 1);
    await requests.call('b', limiter, async () => 2);
    await expect(requests.call('c', limiter, async () => 3)).rejects.toThrow(
      /c: request quota "sheets" would need a 60 s wait/,
    );
    requests.shutdown();
  });
});
