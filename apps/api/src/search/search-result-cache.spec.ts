import type { SearchChangeFeed } from './search-change-feed';
import { SearchResultCache } from './search-result-cache';

/** A feed whose generation the test moves (null: not listening). */
const feed = (generation: number | null) => ({ generation }) as { generation: number | null };

describe('SearchResultCache', () => {
  it('answers an identical search from the first one, also while it is still running', async () => {
    const cache = new SearchResultCache(feed(1) as SearchChangeFeed);
    let calls = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
    const [a, b] = await Promise.all([cache.answer('q=ivey', compute), cache.answer('q=ivey', compute)]);
    expect([a, b, await cache.answer('q=ivey', compute)]).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
    expect(await cache.answer('q=dwan', compute)).toBe(2);
  });

  it('asks again once the documents changed', async () => {
    const changes = feed(1);
    const cache = new SearchResultCache(changes as SearchChangeFeed);
    let calls = 0;
    const compute = async () => ++calls;
    await cache.answer('q=ivey', compute);
    changes.generation = 2;
    expect(await cache.answer('q=ivey', compute)).toBe(2);
    expect(await cache.answer('q=ivey', compute)).toBe(2);
  });

  it('keeps no failed answer', async () => {
    const cache = new SearchResultCache(feed(1) as SearchChangeFeed);
    await expect(cache.answer('q=ivey', () => Promise.reject(new Error('statement timeout')))).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.answer('q=ivey', async () => 'answered')).toBe('answered');
  });

  it('caches nothing while changes cannot be seen (no notification connection)', async () => {
    const cache = new SearchResultCache(feed(null) as SearchChangeFeed);
    let calls = 0;
    const compute = async () => ++calls;
    await cache.answer('q=ivey', compute);
    expect(await cache.answer('q=ivey', compute)).toBe(2);
  });
});
