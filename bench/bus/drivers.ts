import { LatencySummary, summarize } from '../shared/stats';
import { now } from '../shared/util';
import { PhaseTracker, watchForStall } from './tracker';

export interface ThroughputResult {
  events: number;
  /** First publish to last event handled (or committed, for the Postgres bus). */
  durationMs: number;
  eventsPerSec: number;
  /** First publish to last publisher confirm. */
  publishConfirmedPerSec: number;
  /** Node CPU (user+system) spent per event over the phase, both sides of the bus: this one process runs them. */
  cpuMicrosPerEvent: number;
}

/** Where consumers report what they handled; the driver swaps in one tracker per phase. */
export interface Sink {
  tracker: PhaseTracker | null;
}

/** One side of the comparison (the MessageBus pair, or bare amqplib), as the drivers see it. */
export interface EventPath {
  readonly label: string;
  readonly sink: Sink;
  /** True when an event counts as done only once its handler's transaction committed. */
  readonly waitForCommit: boolean;
  /** Publishes event `i` of phase `tag`; resolves on the publisher confirm. */
  publish(tag: string, i: number): Promise<unknown>;
}

export interface RequestPath {
  readonly label: string;
  /** One request/reply round trip; resolves with the reply. */
  request(i: number): Promise<unknown>;
}

export interface LatencyResult {
  /** publish() called → handler started. */
  handled: LatencySummary;
  /** publish() called → handler transaction committed (Postgres bus only). */
  committed: LatencySummary | null;
  /** publish() called → publisher confirm received. */
  confirmed: LatencySummary;
  strays: number;
  duplicates: number;
}

let phaseCounter = 0;
const phaseTag = (name: string) => `${name}${++phaseCounter}`;

/**
 * Publishes `warmup + count` events one at a time on each path: publish one,
 * wait until its handler ran (and committed, for the Postgres bus) and the
 * publisher confirm arrived, then the next. The paths take turns event by
 * event, so background noise hits them alike and only one is ever busy.
 * The warm-up events are not sampled.
 */
export async function sequentialLatency(
  paths: readonly EventPath[],
  opts: { warmup: number; count: number; stallMs: number },
): Promise<LatencyResult[]> {
  const n = opts.warmup + opts.count;
  const tag = phaseTag('L');
  const runs = paths.map((path) => ({
    path,
    tracker: new PhaseTracker(tag, n, path.waitForCommit),
    published: new Float64Array(n),
    confirmedAt: new Float64Array(n),
  }));
  const stopWatches = runs.map((r) => {
    r.path.sink.tracker = r.tracker;
    return watchForStall(r.tracker, opts.stallMs, `${r.path.label} sequential latency`);
  });
  try {
    for (let i = 0; i < n; i++) {
      for (const r of runs) {
        const done = r.tracker.waitFor(i);
        r.published[i] = now();
        const confirmed = r.path.publish(tag, i).then(() => {
          r.confirmedAt[i] = now();
        });
        await Promise.all([done, confirmed]);
      }
    }
  } finally {
    for (const stop of stopWatches) stop();
    for (const r of runs) r.path.sink.tracker = null;
  }
  return runs.map(({ path, tracker, published, confirmedAt }) => {
    const handled: number[] = [];
    const committed: number[] = [];
    const confirmed: number[] = [];
    for (let i = opts.warmup; i < n; i++) {
      handled.push(tracker.handledAt[i] - published[i]);
      confirmed.push(confirmedAt[i] - published[i]);
      if (path.waitForCommit) committed.push(tracker.committedAt[i] - published[i]);
    }
    return {
      handled: summarize(handled),
      committed: path.waitForCommit ? summarize(committed) : null,
      confirmed: summarize(confirmed),
      strays: tracker.strays,
      duplicates: tracker.duplicates,
    };
  });
}

/**
 * Publishes `n` events as fast as confirms allow, never more than `window`
 * unconfirmed, and waits until the consumer handled (or committed) all of
 * them. Rate = n / (first publish → last handled).
 */
export async function sustainedThroughput(
  path: EventPath,
  opts: { n: number; window: number; stallMs: number },
): Promise<ThroughputResult & { strays: number; duplicates: number; rounds?: number[] }> {
  const tag = phaseTag('T');
  const tracker = new PhaseTracker(tag, opts.n, path.waitForCommit);
  path.sink.tracker = tracker;
  const stopWatch = watchForStall(tracker, opts.stallMs, `${path.label} throughput`);
  const cpuBefore = process.cpuUsage();
  const started = now();
  let lastConfirm = NaN;
  try {
    const all = tracker.waitForAll();
    const published = new Promise<void>((resolve, reject) => {
      let next = 0;
      let inFlight = 0;
      let confirmed = 0;
      let failed = false;
      const launch = (): void => {
        while (!failed && inFlight < opts.window && next < opts.n) {
          const i = next++;
          inFlight++;
          path.publish(tag, i).then(
            () => {
              inFlight--;
              if (++confirmed === opts.n) {
                lastConfirm = now();
                resolve();
              } else launch();
            },
            (error: Error) => {
              failed = true;
              tracker.fail(error);
              reject(error);
            },
          );
        }
      };
      launch();
    });
    // Rejections of either surface here; `all` also fails on a stall.
    const [, finished] = await Promise.all([published, all]);
    const cpu = process.cpuUsage(cpuBefore);
    const durationMs = finished - started;
    return {
      events: opts.n,
      durationMs,
      eventsPerSec: opts.n / (durationMs / 1000),
      publishConfirmedPerSec: opts.n / ((lastConfirm - started) / 1000),
      cpuMicrosPerEvent: (cpu.user + cpu.system) / opts.n,
      strays: tracker.strays,
      duplicates: tracker.duplicates,
    };
  } finally {
    stopWatch();
    path.sink.tracker = null;
  }
}

/** `warmup + count` sequential request/reply round trips per path, the paths taking turns; warm-up not sampled. */
export async function requestReplyLatency(
  paths: readonly RequestPath[],
  opts: { warmup: number; count: number },
): Promise<LatencySummary[]> {
  const samples = paths.map((): number[] => []);
  for (let i = 0; i < opts.warmup + opts.count; i++) {
    for (let p = 0; p < paths.length; p++) {
      const t0 = now();
      await paths[p].request(i);
      if (i >= opts.warmup) samples[p].push(now() - t0);
    }
  }
  return samples.map(summarize);
}
