import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Counter, register } from 'prom-client';
import { SearchChangeFeed } from './search-change-feed';

/** Distinct searches kept (a few hundred answers of a page each: a few MB). */
const MAX_ENTRIES = 500;

const ANSWERS_METRIC = 'pokervod_api_search_answers_total';
/** One counter per process (the default registry is global; tests start several APIs in one process). */
const answers = (): Counter<'source'> =>
  (register.getSingleMetric(ANSWERS_METRIC) as Counter<'source'> | undefined) ??
  new Counter({
    name: ANSWERS_METRIC,
    help: 'Searches answered, by where the answer came from (cache: an identical search since the last change)',
    labelNames: ['source'],
  });

/**
 * Answers of searches, until the search documents change. Editors repeat
 * searches (paging, facets, several people on one event), and a broad word
 * costs hundreds of milliseconds to rank; identical searches running at the
 * same moment share one query. An answer is used only while the documents'
 * generation is the one it was asked in, so a change is visible at once.
 */
@Injectable()
export class SearchResultCache {
  private readonly entries = new LRUCache<string, { generation: number; answer: Promise<unknown> }>({
    max: MAX_ENTRIES,
  });

  private readonly answered = answers();

  constructor(private readonly feed: SearchChangeFeed) {}

  answer<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = this.feed.generation;
    if (generation === null) {
      this.answered.inc({ source: 'database' });
      return compute();
    }
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      this.answered.inc({ source: 'cache' });
      return hit.answer as Promise<T>;
    }
    this.answered.inc({ source: 'database' });
    const answer = compute();
    const entry = { generation, answer };
    this.entries.set(key, entry);
    // A failed search is not an answer: the next one asks again.
    answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return answer;
  }
}
