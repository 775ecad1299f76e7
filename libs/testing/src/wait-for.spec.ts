import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `ready after ${calls}` : null), { intervalMs: 1 });
    expect(value).toBe('ready after 3');
  });

  it('treats a throwing predicate as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        if (++calls < 2) throw new Error('not up');
        return true;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(true);
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'rabbit' },
      ),
    ).rejects.toThrow('Timed out after 30 ms waiting for rabbit (last error: connection refused)');
  });
});
