import CircuitBreaker from 'opossum';

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Failures within the rolling window before the breaker opens (default 5). */
  failureThreshold: number;
  /** How long an open breaker fails fast before letting one call through (default 60 s). */
  resetTimeoutMs: number;
  /** A call slower than this counts as a failure. */
  timeoutMs: number;
  /** Errors that do not count against the breaker (the caller's mistakes, not the callee's health). */
  ignoreError?: (error: unknown) => boolean;
}

export const SEED_BREAKER_OPTIONS: BreakerOptions = {
  failureThreshold: 5,
  resetTimeoutMs: 60_000,
  timeoutMs: 30_000,
};

export class CircuitOpenError extends Error {
  constructor(readonly breaker: string) {
    super(`circuit "${breaker}" is open: failing fast`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * An opossum breaker tuned to a count-based rule
 * (docs/architecture.md#circuit-breakers): once `failureThreshold` calls have
 * been made in the window, any failure rate of 50 % or more opens it (a run of
 * failures does).
 */
export function createBreaker<A extends unknown[], R>(
  name: string,
  action: (...args: A) => Promise<R>,
  options: Partial<BreakerOptions> = {},
): CircuitBreaker<A, R> {
  const o = { ...SEED_BREAKER_OPTIONS, ...options };
  return new CircuitBreaker(action, {
    name,
    timeout: o.timeoutMs,
    resetTimeout: o.resetTimeoutMs,
    volumeThreshold: o.failureThreshold,
    errorThresholdPercentage: 50,
    rollingCountTimeout: Math.max(10_000, o.resetTimeoutMs),
    errorFilter: o.ignoreError,
  });
}

export function breakerState(breaker: CircuitBreaker): BreakerState {
  if (breaker.opened) return 'OPEN';
  if (breaker.halfOpen) return 'HALF_OPEN';
  return 'CLOSED';
}

/** Fires through the breaker, turning opossum's open-circuit rejection into a typed error. */
export async function fireThrough<A extends unknown[], R>(breaker: CircuitBreaker<A, R>, ...args: A): Promise<R> {
  try {
    return await breaker.fire(...args);
  } catch (error) {
    if ((error as { code?: string }).code === 'EOPENBREAKER') throw new CircuitOpenError(breaker.name);
    throw error;
  }
}
