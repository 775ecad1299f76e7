import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { CommandName } from '@pokervod/contracts';
import type { HandlerOptions, MessageBus } from '../core/message-bus';

/** The transport id of `@EventPattern(…, BUS_TRANSPORT)` when an app has several transports (it has one). */
export const BUS_TRANSPORT = Symbol('pokervod.bus');

/** What `@EventPattern(type, extras)` may carry: the bus's handler options. */
export type EventPatternExtras = HandlerOptions;

/**
 * The bus as a NestJS microservice transport: Nest finds the
 * `@EventPattern` / `@MessagePattern` methods of controllers, wraps each in
 * its pipes, guards, interceptors and exception filters, and hands it here;
 * this registers it with the bus, which keeps every guarantee of its own
 * (inbox, outbox, retries, DLQ, batches, trace context). The bus itself
 * starts with the app (MessagingLifecycle), once every module is initialised.
 */
export class MessageBusServer extends Server implements CustomTransportStrategy {
  override readonly transportId = BUS_TRANSPORT;

  /** Every handler as Nest added it; unlike Server's map, event handlers of one pattern are not chained. */
  private readonly entries: { pattern: string; handler: MessageHandler }[] = [];

  constructor(private readonly bus: MessageBus) {
    super();
  }

  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const normalized = this.normalizePattern(pattern as string);
    callback.isEventHandler = isEventHandler;
    callback.extras = extras;
    if (!isEventHandler && this.messageHandlers.has(normalized))
      throw new Error(`two @MessagePattern('${normalized}') handlers: a command has one answer`);
    this.messageHandlers.set(normalized, callback);
    this.entries.push({ pattern: normalized, handler: callback });
  }

  /** Registers the handlers with the bus (Nest calls it from `startAllMicroservices`). */
  listen(callback: (error?: unknown) => void): void {
    try {
      for (const { pattern, handler } of this.entries) {
        if (handler.isEventHandler) {
          const { name, ...options } = (handler.extras ?? {}) as EventPatternExtras;
          // The inbox key: stable across restarts, unique per handler method and pattern.
          this.bus.on(pattern, async (event, ctx) => void (await settle(handler(event, ctx))), {
            ...options,
            name: `${name ?? 'handler'}:${pattern}`,
          });
        } else {
          this.bus.handleCommand(pattern as CommandName, (request) => settle(handler(request)) as never);
        }
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Nest closes its transports on shutdown; the bus has usually stopped by then (stopping twice is a no-op). */
  close(): Promise<void> {
    return this.bus.stop();
  }

  on(): never {
    throw new Error('MessageBusServer has no transport events; watch the bus readiness instead');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

/** The handler's answer: a value, a promise or an observable (interceptors return those), as one promise. */
async function settle(result: Promise<unknown>): Promise<unknown> {
  try {
    const value = await result;
    return isObservable(value) ? await lastValueFrom(value, { defaultValue: undefined }) : value;
  } catch (error) {
    throw asError(error);
  }
}

/**
 * Nest's default RPC filter turns an unknown error into `{status, message}`;
 * the bus needs an Error (its message is the DLQ reason). Apps keep the
 * original: service-kit's global filter hands non-HTTP errors back unchanged.
 */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const message = (error as { message?: unknown } | null)?.message;
  return new Error(typeof message === 'string' ? message : JSON.stringify(error));
}
