import { breakerState, createBreaker, fireThrough, CircuitOpenError } from './circuit-breaker';

describe('circuit breaker', () => {
  it('opens after the failure threshold, fails fast, then half-opens after the reset timeout', async () => {
    let healthy = false;
    const breaker = createBreaker(
      'test',
      async () => {
        if (!healthy) throw new Error('down');
        return 'up';
      },
      { failureThreshold: 3, resetTimeoutMs: 200, timeoutMs: 1000 },
    );
    try {
      for (let i = 0; i < 3; i++) await expect(fireThrough(breaker)).rejects.toThrow('down');
      expect(breakerState(breaker)).toBe('OPEN');
      await expect(fireThrough(breaker)).rejects.toBeInstanceOf(CircuitOpenError);

      await new Promise((r) => setTimeout(r, 300));
      expect(breakerState(breaker)).toBe('HALF_OPEN');
      healthy = true;
      await expect(fireThrough(breaker)).resolves.toBe('up');
      expect(breakerState(breaker)).toBe('CLOSED');
    } finally {
      breaker.shutdown();
    }
  });
});
