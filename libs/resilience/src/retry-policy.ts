import type { BlockId } from '@pokervod/contracts';

export type Backoff = 'exponential' | 'fixed';

/**
 * How often, and how far apart, work for one block is attempted
 * (docs/architecture.md#retry-policies). `maxAttempts` counts every attempt,
 * the first one included: 3 means one try and two retries; 0 means the server
 * never retries (the client does, block F).
 */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: Backoff;
  baseDelayMs: number;
  /** Upper bound for one delay, so exponential growth stays sane. */
  maxDelayMs: number;
  circuitBreaker: boolean;
  rollbackOnFail: boolean;
}

function policy(partial: Partial<RetryPolicy> & Pick<RetryPolicy, 'maxAttempts'>): RetryPolicy {
  return {
    backoff: 'fixed',
    baseDelayMs: 0,
    maxDelayMs: 5 * 60_000,
    circuitBreaker: false,
    rollbackOnFail: false,
    ...partial,
  };
}

/** One policy per block, delays in milliseconds. */
export const RETRY_POLICIES: Readonly<Record<BlockId, RetryPolicy>> = {
  A: policy({ maxAttempts: 3, backoff: 'exponential', baseDelayMs: 5_000 }),
  B: policy({ maxAttempts: 3, backoff: 'exponential', baseDelayMs: 5_000 }),
  C: policy({ maxAttempts: 2, backoff: 'fixed', baseDelayMs: 2_000 }),
  D: policy({ maxAttempts: 5, backoff: 'exponential', baseDelayMs: 10_000 }), // Sheets API quotas
  E: policy({ maxAttempts: 1, circuitBreaker: true }),
  F: policy({ maxAttempts: 0 }), // the browser retries
  G: policy({ maxAttempts: 1, rollbackOnFail: true }),
};

/** The orchestrator is not a block; it retries like the blocks it drives. */
export const ORCHESTRATOR_RETRY_POLICY: RetryPolicy = policy({
  maxAttempts: 3,
  backoff: 'exponential',
  baseDelayMs: 1_000,
});

export function retryPolicyFor(block: BlockId | 'orchestrator'): RetryPolicy {
  return block === 'orchestrator' ? ORCHESTRATOR_RETRY_POLICY : RETRY_POLICIES[block];
}

/** Whether attempt number `attempt` (1-based) that just failed may be followed by another. */
export function canRetry(policy: RetryPolicy, attempt: number): boolean {
  return attempt < policy.maxAttempts;
}

/** Delay before the attempt that follows failed attempt number `attempt` (1-based). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const raw = policy.backoff === 'exponential' ? policy.baseDelayMs * 2 ** (attempt - 1) : policy.baseDelayMs;
  return Math.min(Math.max(0, Math.round(raw)), policy.maxDelayMs);
}

/** Every distinct delay a policy can ask for; the bus declares one delay queue for each. */
export function retryDelays(policy: RetryPolicy): number[] {
  const delays = new Set<number>();
  for (let attempt = 1; canRetry(policy, attempt); attempt++) delays.add(retryDelayMs(policy, attempt));
  return [...delays].sort((a, b) => a - b);
}

/**
 * Runs `work` until it succeeds or the policy gives up, waiting between
 * attempts. For in-process retries (commands); events are retried by the bus.
 * `retryable` says which errors are worth another attempt (default: all).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  work: (attempt: number) => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  retryable: (error: unknown) => boolean = () => true,
): Promise<T> {
  const attempts = Math.max(1, policy.maxAttempts);
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await sleep(retryDelayMs(policy, attempt));
    }
  }
}
