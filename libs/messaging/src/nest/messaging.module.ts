import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { ModuleMetadata } from '@nestjs/common';
import { MessageBus, MessageBusOptions } from '../core/message-bus';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => MessageBusOptions | Promise<MessageBusOptions>;
}

/**
 * Starts the bus once the app is wired (every `onModuleInit` has run, the
 * handlers are registered by the microservice transport, see
 * connectMessageBus) and stops it first on shutdown: stop consuming, finish
 * in-flight work, flush the outbox — before the database closes.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private connected = false;

  constructor(private readonly bus: MessageBus) {}

  /** Called by connectMessageBus once the handlers are registered. */
  transportConnected(): void {
    this.connected = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Started without its handlers, the bus would consume events and dead-letter them as unhandled.
    if (!this.connected)
      throw new Error('the message bus is not connected: call connectMessageBus(app) before app.init()/listen()');
    await this.bus.start();
    this.logger.log(`consuming ${this.bus.names.queue}`);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`${signal ?? 'shutdown'}: stop consuming, finish in-flight work, flush the outbox`);
    await this.bus.stop();
    this.logger.log('bus closed');
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const busProvider: Provider = {
      provide: MessageBus,
      inject: options.inject ?? [],
      useFactory: async (...args: never[]) => new MessageBus(await options.useFactory(...args)),
    };
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [busProvider, MessagingLifecycle],
      exports: [MessageBus, MessagingLifecycle],
    };
  }
}
