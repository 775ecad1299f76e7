import { currentMessageContext, runWithMessageContext } from './correlation-context';

describe('message context', () => {
  const ctx = { correlationId: 'c-1', causationId: null, eventId: 'e-1' };

  it('is undefined outside runWithMessageContext', () => {
    expect(currentMessageContext()).toBeUndefined();
  });

  it('is visible synchronously and after awaits, and gone afterwards', async () => {
    const seen = await runWithMessageContext(ctx, async () => {
      const sync = currentMessageContext();
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [sync, currentMessageContext()];
    });

    expect(seen).toEqual([ctx, ctx]);
    expect(currentMessageContext()).toBeUndefined();
  });

  it('returns the value of fn', () => {
    expect(runWithMessageContext(ctx, () => 42)).toBe(42);
  });

  it('lets an inner context shadow the outer one', () => {
    const inner = { correlationId: 'c-1', causationId: 'e-1', eventId: 'e-2' };
    runWithMessageContext(ctx, () => {
      runWithMessageContext(inner, () => expect(currentMessageContext()).toBe(inner));
      expect(currentMessageContext()).toBe(ctx);
    });
  });
});
