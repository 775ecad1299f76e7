import type { EventPayloadInput, EventType } from '@pokervod/contracts';

export type CatalogErrorCode = 'not_found' | 'invalid_request' | 'conflict';

/** A request the catalog refuses: mapped to 404/400/409 over HTTP and to the same code for commands. */
export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Emits an event caused by the current work: `ctx.emit` in a handler, an outbox write elsewhere. */
export type Emit = <T extends EventType>(type: T, payload: EventPayloadInput<T>) => void;

/** Collects emitted events, to write them into the outbox of a transaction the caller owns. */
export class EmittedEvents {
  readonly events: { type: EventType; payload: unknown }[] = [];
  readonly emit: Emit = (type, payload) => void this.events.push({ type, payload });
}
