import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type { CommandName, EventType } from '@pokervod/contracts';
import type { MessageBus } from '../core/message-bus';

export interface MessageBusClientOptions {
  /** How long `send` waits for a command's reply (the bus's default otherwise). */
  timeoutMs?: number;
}

/**
 * The bus as a NestJS `ClientProxy`: `send(command, request)` is a command
 * over the command exchange (an Observable of the validated reply; typed
 * errors as the bus raises them), `emit(type, payload)` publishes an event
 * outside any transaction (with publisher confirms). Events that belong to a
 * transaction go through the outbox: `ctx.emit` in a handler,
 * `bus.publishInTransaction` in a service.
 */
export class MessageBusClient extends ClientProxy {
  constructor(
    private readonly bus: MessageBus,
    private readonly options: MessageBusClientOptions = {},
  ) {
    super();
  }

  /** The bus connects with the app (MessagingLifecycle); nothing to open here. */
  async connect(): Promise<MessageBus> {
    return this.bus;
  }

  async close(): Promise<void> {
    return undefined;
  }

  override on(): never {
    throw new Error('MessageBusClient has no transport events; watch the bus readiness instead');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const timeoutMs = this.options.timeoutMs;
    this.bus
      .request(packet.pattern as CommandName, packet.data as never, timeoutMs === undefined ? {} : { timeoutMs })
      .then(
        (response) => callback({ response, isDisposed: true }),
        (err: unknown) => callback({ err, isDisposed: true }),
      );
    // A command cannot be taken back once sent; unsubscribing only drops the reply.
    return () => undefined;
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    return (await this.bus.publish(packet.pattern as EventType, packet.data as never)) as T;
  }
}
