import type { ApiConfig } from '../api.config';
import { ApiError } from './api-error';
import { DbGate } from './db-gate';

const gate = (concurrency: number, waitMs: number) =>
  new DbGate({ API_DB_CONCURRENCY: concurrency, API_DB_WAIT_MS: waitMs } as ApiConfig);

describe('DbGate', () => {
  it('runs at most N at once, the rest in arrival order', async () => {
    const g = gate(2, 1000);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (i: number) =>
      g.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 10));
        order.push(i);
        running--;
        return i;
      });
    expect(await Promise.all([0, 1, 2, 3, 4].map(job))).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4]);
  });

  it('answers 503 unavailable to a request that waited too long, and frees its turn on errors', async () => {
    const g = gate(1, 20);
    const slow = g.run(() => new Promise((r) => setTimeout(r, 100)));
    await expect(g.run(async () => 'late')).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
    } as Partial<ApiError>);
    await slow;
    await expect(g.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await g.run(async () => 'free again')).toBe('free again');
  });
});
