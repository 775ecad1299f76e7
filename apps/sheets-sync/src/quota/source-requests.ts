import type CircuitBreaker from 'opossum';
import {
  BreakerState,
  CircuitOpenError,
  RETRY_POLICIES,
  RetryPolicy,
  breakerState,
  createBreaker,
  fireThrough,
  withRetry,
} from '@pokervod/resilience';
import { Clock, QuotaWaitExceededError, RateLimiter, systemClock } from './rate-limiter';
import { describeError, isTransient, retryAfterMs } from './source-errors';

export interface RequestSettings {
  /** Attempts per request, the first included (policy D: 5). */
  maxAttempts: number;
  /** First retry delay; doubles each time (policy D: 10 s). `Retry-After` wins when longer. */
  baseDelayMs: number;
  /** Longest wait for a rate-limit slot or a `Retry-After`; beyond it the read is cut short. */
  quotaWaitMs: number;
  /** One attempt slower than this fails. */
  timeoutMs: number;
  /** An open breaker fails fast this long before letting one request through. */
  breakerResetMs: number;
}

export interface RequestLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** A read given up on: the sync that needed it is cut short (PARTIAL), not failed for good. */
export class ReadCutShortError extends Error {
  readonly transient = true;
  constructor(message: string) {
    super(message);
    this.name = 'ReadCutShortError';
  }
}

/**
 * Every request one source makes goes through here: a slot from the
 * credential's rate limiter, the source's circuit breaker, and retries on
 * 429/5xx per policy D honouring `Retry-After`. The Google client's own
 * retries are off, so a request is retried once, here.
 */
export class SourceRequests {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly policy: RetryPolicy;

  constructor(
    readonly sourceId: string,
    private readonly settings: RequestSettings,
    private readonly logger: RequestLogger,
    private readonly clock: Clock = systemClock,
  ) {
    this.policy = { ...RETRY_POLICIES.D, maxAttempts: settings.maxAttempts, baseDelayMs: settings.baseDelayMs };
    this.breaker = createBreaker(`sheets:${sourceId}`, (work: () => Promise<unknown>) => work(), {
      timeoutMs: settings.timeoutMs,
      resetTimeoutMs: settings.breakerResetMs,
      // A missing sheet or a refused permission says nothing about the source's health.
      ignoreError: (error) => !isTransient(error),
    });
    this.breaker.on('open', () =>
      logger.warn(`source ${sourceId}: circuit open, failing fast for ${settings.breakerResetMs} ms`),
    );
    this.breaker.on('halfOpen', () => logger.log(`source ${sourceId}: circuit half-open, trying one request`));
    this.breaker.on('close', () => logger.log(`source ${sourceId}: circuit closed`));
  }

  get breakerState(): BreakerState {
    return breakerState(this.breaker as CircuitBreaker);
  }

  /**
   * Runs `work` (one HTTP request or file read) with rate limit, breaker and
   * retries. Throws ReadCutShortError when the breaker is open, the quota
   * wait is too long, or the retries ran out on transient errors; other
   * errors (404, 403, a missing file) as they are.
   */
  async call<T>(what: string, limiter: RateLimiter | null, work: () => Promise<T>): Promise<T> {
    let lastError: unknown = null;
    try {
      return await withRetry(
        this.policy,
        async (attempt) => {
          try {
            if (limiter) await limiter.take(this.settings.quotaWaitMs);
            return (await fireThrough(this.breaker, work)) as T;
          } catch (error) {
            lastError = error;
            if (isTransient(error) && attempt < this.policy.maxAttempts && !(error instanceof CircuitOpenError)) {
              this.logger.warn(`source ${this.sourceId}: ${what} failed (attempt ${attempt}): ${describeError(error)}`);
            }
            throw error;
          }
        },
        (policyDelayMs) => {
          const retryAfter = retryAfterMs(lastError);
          if (retryAfter !== null && retryAfter > this.settings.quotaWaitMs) {
            throw new ReadCutShortError(
              `${what}: Google asked to retry after ${Math.ceil(retryAfter / 1000)} s, longer than the quota wait allowed`,
            );
          }
          return this.clock.sleep(Math.max(policyDelayMs, retryAfter ?? 0));
        },
        (error) =>
          isTransient(error) && !(error instanceof CircuitOpenError) && !(error instanceof QuotaWaitExceededError),
      );
    } catch (error) {
      if (error instanceof ReadCutShortError) throw error;
      if (error instanceof CircuitOpenError)
        throw new ReadCutShortError(`${what}: circuit open after repeated failures`);
      if (error instanceof QuotaWaitExceededError) throw new ReadCutShortError(`${what}: ${error.message}`);
      if (isTransient(error)) {
        throw new ReadCutShortError(
          `${what}: gave up after ${this.policy.maxAttempts} attempts: ${describeError(error)}`,
        );
      }
      throw error;
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
