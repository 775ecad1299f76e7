import type { EventPath } from '../bus/drivers';
import { PhaseTracker } from '../bus/tracker';
import { LatencySummary, summarize } from '../shared/stats';
import { now, withTimeout } from '../shared/util';

/**
 * The broker baseline, taken in turns with the orchestrator runs so that
 * background load hits both alike: `sampleOne()` publishes one event on each
 * path (bench/bus's MessageBus pair and bare amqplib, each on a topology of
 * its own) and waits until its handler ran and its confirm arrived.
 */
export class HopSampler {
  private readonly trackers: PhaseTracker[];
  private readonly published: Float64Array[];
  private next = 0;

  constructor(
    private readonly paths: readonly EventPath[],
    readonly capacity: number,
    private readonly timeoutMs: number,
  ) {
    this.trackers = paths.map((path) => {
      const tracker = new PhaseTracker('hop', capacity, false);
      path.sink.tracker = tracker;
      return tracker;
    });
    this.published = paths.map(() => new Float64Array(capacity).fill(NaN));
  }

  /** One publish → handler hop on each path, one after the other. */
  async sampleOne(): Promise<void> {
    const i = this.next++;
    if (i >= this.capacity) throw new Error(`HopSampler: more than ${this.capacity} samples`);
    for (let p = 0; p < this.paths.length; p++) {
      const done = this.trackers[p].waitFor(i);
      this.published[p][i] = now();
      const confirmed = this.paths[p].publish('hop', i);
      await withTimeout(Promise.all([done, confirmed]), this.timeoutMs, `${this.paths[p].label} hop ${i}`);
    }
  }

  /** publish() → handler of every sample from `from` on, per path. */
  summaries(from: number): LatencySummary[] {
    return this.trackers.map((tracker, p) => {
      const samples: number[] = [];
      for (let i = from; i < this.next; i++) samples.push(tracker.handledAt[i] - this.published[p][i]);
      return summarize(samples);
    });
  }

  get taken(): number {
    return this.next;
  }

  /** Deliveries the paths saw that were not theirs, or twice. */
  get oddities(): number {
    return this.trackers.reduce((n, t) => n + t.strays + t.duplicates, 0);
  }

  detach(): void {
    for (const path of this.paths) path.sink.tracker = null;
  }
}
