import { AsyncLocalStorage } from 'node:async_hooks';

/** Identity of the message (event or command) whose handling is in progress. */
export interface MessageContext {
  correlationId: string;
  causationId: string | null;
  eventId: string | null;
}

const storage = new AsyncLocalStorage<MessageContext>();

/** Runs `fn` (and every async continuation it starts) inside `ctx`. */
export function runWithMessageContext<T>(ctx: MessageContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The context of the message being handled, or undefined outside any handler. */
export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}
