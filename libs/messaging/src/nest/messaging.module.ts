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
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { ModuleMetadata } from '@nestjs/common';
import { EventHandler, MessageBus, MessageBusOptions } from '../core/message-bus';
import type { CommandHandler } from '../core/commands';
import { COMMAND_HANDLER, EVENT_HANDLER, EventHandlerMeta } from './decorators';
import type { CommandName } from '@pokervod/contracts';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => MessageBusOptions | Promise<MessageBusOptions>;
}

/**
 * Finds `@OnEvent` / `@OnCommand` methods on every provider, registers them
 * with the bus, starts it once the app is wired, and stops it first on
 * shutdown (stop consuming, finish in-flight work, flush the outbox).
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly bus: MessageBus,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = prototype[method];
        const events = (Reflect.getMetadata(EVENT_HANDLER, fn) ?? []) as EventHandlerMeta[];
        for (const { pattern, ...options } of events) {
          this.bus.on(pattern, (e, ctx) => (instance[method] as EventHandler).call(instance, e, ctx), {
            ...options,
            // The inbox key: stable across restarts and unique per handler and pattern.
            name: options.name ?? `${String(wrapper.name)}.${method}:${pattern}`,
          });
        }
        const command = Reflect.getMetadata(COMMAND_HANDLER, fn) as CommandName | undefined;
        if (command)
          this.bus.handleCommand(command, (req) =>
            (instance[method] as CommandHandler<CommandName>).call(instance, req),
          );
      }
    }
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
      exports: [MessageBus],
    };
  }
}
