import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type CircuitBreaker from 'opossum';
import { Gauge, register } from 'prom-client';
import { APPS, BLOCK_IDS, BlockId, CommandName, CommandRequest, CommandResponse, Commands } from '@pokervod/contracts';
import { lastValueFrom } from 'rxjs';
import { CommandFailedError, InvalidCommandError, MessageBus, MessageBusClient } from '@pokervod/messaging';
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
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { OrchestratorConfig } from '../orchestrator.config';

/** Errors that say the request itself is wrong: retrying cannot help, and the block is not at fault. */
const CALLER_ERRORS = new Set(['invalid_request', 'unknown_command', 'invalid_response']);

export function isCallerError(error: unknown): boolean {
  return error instanceof InvalidCommandError || (error instanceof CommandFailedError && CALLER_ERRORS.has(error.code));
}

const STATE_VALUE: Record<BreakerState, number> = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 };

function breakerGauge(): Gauge<string> {
  return (
    (register.getSingleMetric('pokervod_circuit_state') as Gauge<string>) ??
    new Gauge({
      name: 'pokervod_circuit_state',
      help: 'Circuit breaker per block: 0 closed, 1 half-open, 2 open',
      labelNames: ['block'],
    })
  );
}

/**
 * How the orchestrator calls blocks: each command goes through its block's
 * circuit breaker and is retried per the block's policy
 * (docs/architecture.md#retry-policies). An open breaker fails fast with
 * CircuitOpenError and is not retried.
 */
@Injectable()
export class BlockGateway implements OnModuleDestroy {
  private readonly breakers = new Map<BlockId, CircuitBreaker<[string, unknown], unknown>>();

  private readonly gauge = breakerGauge();

  constructor(
    bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: OrchestratorConfig,
  ) {
    const blocks = new MessageBusClient(bus, { timeoutMs: config.COMMAND_TIMEOUT_MS });
    for (const block of BLOCK_IDS) {
      const breaker = createBreaker(
        `block-${block}`,
        (command: string, payload: unknown) => lastValueFrom(blocks.send(command, payload)),
        {
          failureThreshold: config.BREAKER_FAILURE_THRESHOLD,
          resetTimeoutMs: config.BREAKER_RESET_TIMEOUT_MS,
          timeoutMs: config.COMMAND_TIMEOUT_MS + 1000,
          // A malformed request is the caller's fault, not a sign the block is down.
          ignoreError: isCallerError,
        },
      );
      const report = () => this.gauge.set({ block }, STATE_VALUE[breakerState(breaker)]);
      breaker.on('open', report);
      breaker.on('halfOpen', report);
      breaker.on('close', report);
      this.gauge.set({ block }, 0);
      this.breakers.set(block, breaker);
    }
  }

  async call<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    const block = APPS[Commands[command].app].block as BlockId;
    const breaker = this.breakerOf(block);
    const result = await withRetry(
      this.policyOf(block),
      () => fireThrough(breaker, command, payload),
      undefined,
      (error) => !(error instanceof CircuitOpenError) && !isCallerError(error),
    );
    return result as CommandResponse<C>;
  }

  /**
   * One attempt through the block's breaker, no retries: for callers that
   * keep their own retry state (the row sync retries a pending row later,
   * with the block's policy, instead of holding it here).
   */
  async callOnce<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    const block = APPS[Commands[command].app].block as BlockId;
    return (await fireThrough(this.breakerOf(block), command, payload)) as CommandResponse<C>;
  }

  /** The block that answers `command`. */
  blockOf(command: CommandName): BlockId {
    return APPS[Commands[command].app].block as BlockId;
  }

  /** The block's retry policy, its delays scaled by COMMAND_RETRY_DELAY_SCALE. */
  policyOf(block: BlockId): RetryPolicy {
    const policy = RETRY_POLICIES[block];
    const scale = this.config.COMMAND_RETRY_DELAY_SCALE;
    return { ...policy, baseDelayMs: policy.baseDelayMs * scale, maxDelayMs: policy.maxDelayMs * scale };
  }

  states(): Record<BlockId, BreakerState> {
    return Object.fromEntries(BLOCK_IDS.map((b) => [b, breakerState(this.breakerOf(b))])) as Record<
      BlockId,
      BreakerState
    >;
  }

  private breakerOf(block: BlockId): CircuitBreaker<[string, unknown], unknown> {
    const breaker = this.breakers.get(block);
    if (!breaker) throw new Error(`no circuit breaker for block ${block}`);
    return breaker;
  }

  onModuleDestroy(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }
}
