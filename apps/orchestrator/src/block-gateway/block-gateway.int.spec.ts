import { CommandRejection, InvalidCommandError } from '@pokervod/messaging';
import { CircuitOpenError } from '@pokervod/resilience';
import { waitFor } from '@pokervod/testing';
import { useOrchestratorInWorld } from '../../test/orchestrator-harness';
import { BlockGateway } from './block-gateway';

describe('BlockGateway circuit breakers', () => {
  const orchestrator = useOrchestratorInWorld('breaker', {
    BREAKER_FAILURE_THRESHOLD: '3',
    BREAKER_RESET_TIMEOUT_MS: '500',
    COMMAND_TIMEOUT_MS: '300',
  });
  let gateway: BlockGateway;

  beforeAll(() => {
    gateway = orchestrator.app.get(BlockGateway);
  });

  const breakerOf = async (block: string) => {
    const status = (await (await fetch(`${orchestrator.url}/api/orchestrator/status`)).json()) as {
      breakers: Record<string, string>;
    };
    return status.breakers[block];
  };

  it('opens after the failure threshold, fails fast while open, half-opens after the reset timeout, closes on success', async () => {
    let healthy = false;
    orchestrator.doubles.commands['catalog.match_episode'] = async () => {
      if (!healthy) throw new Error('catalog database is down');
      return { status: 'not_found', episode: null, score: null, candidates: [] };
    };

    // Policy B allows 3 attempts per call: one call makes three failures.
    await expect(gateway.call('catalog.match_episode', { title: 'a' })).rejects.toThrow(/catalog database is down/);
    expect(gateway.states().B).toBe('OPEN');
    expect(await breakerOf('B')).toBe('OPEN');

    const calls = orchestrator.doubles.commandCalls.length;
    const started = Date.now();
    await expect(gateway.call('catalog.match_episode', { title: 'b' })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(Date.now() - started).toBeLessThan(100);
    expect(orchestrator.doubles.commandCalls.length).toBe(calls); // nothing reached block B

    await waitFor(() => gateway.states().B === 'HALF_OPEN', { timeoutMs: 2000, description: 'half-open' });
    expect(await breakerOf('B')).toBe('HALF_OPEN');
    healthy = true;
    await expect(gateway.call('catalog.match_episode', { title: 'c' })).resolves.toMatchObject({ status: 'not_found' });
    expect(gateway.states().B).toBe('CLOSED');
    // Other blocks were never affected.
    expect(gateway.states().A).toBe('CLOSED');

    const metrics = await (await fetch(`${orchestrator.url}/metrics`)).text();
    expect(metrics).toMatch(/pokervod_circuit_state\{block="B"\} 0/);
  });

  it('counts an unanswered command as a failure (timeout) and does not count the caller’s own mistakes', async () => {
    orchestrator.doubles.commands['nas.match_file_path'] = () => new Promise(() => undefined);
    await expect(gateway.call('nas.match_file_path', { path: '/x' })).rejects.toThrow(/no reply within 300 ms/);
    expect(gateway.states().A).toBe('OPEN');

    // A request that breaks its schema, and one block C rejects as invalid, five times each.
    orchestrator.doubles.commands['hands.remove_hand_clip'] = async () => {
      throw new CommandRejection('invalid_request', 'no such row key format');
    };
    for (let i = 0; i < 5; i++) {
      await expect(gateway.call('hands.remove_hand_clip', { source_row_key: '' })).rejects.toBeInstanceOf(
        InvalidCommandError,
      );
      await expect(gateway.call('hands.remove_hand_clip', { source_row_key: 'x' })).rejects.toMatchObject({
        code: 'invalid_request',
      });
    }
    expect(gateway.states().C).toBe('CLOSED');
  });
});
