import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PATTERN_EXTRAS_METADATA, PATTERN_HANDLER_METADATA } from '@nestjs/microservices/constants';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';
import { MessageBus } from '../core/message-bus';
import { MessageBusServer } from './bus-server';
import { MessagingLifecycle } from './messaging.module';

/**
 * Connects the bus to a Nest app as its microservice transport, so the
 * controllers' `@EventPattern` / `@MessagePattern` methods are registered.
 * Call it after creating the app and before `init()`/`listen()`: the bus
 * starts consuming when the app bootstraps (after every `onModuleInit`).
 */
export async function connectMessageBus(app: INestApplication): Promise<void> {
  nameEventHandlers(app.get(DiscoveryService), app.get(MetadataScanner));
  app.connectMicroservice(
    { strategy: new MessageBusServer(app.get(MessageBus)) },
    // The app's global filters, pipes and interceptors apply to messages too (service-kit's error filter hands
    // message errors back unchanged, so their text becomes the retry and dead-letter reason).
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  app.get(MessagingLifecycle).transportConnected();
}

/**
 * Gives every event handler without an explicit `name` extra the name
 * `<Controller>.<method>`: the bus's inbox key (with the pattern), so a
 * redelivered event is recognised across restarts and releases.
 */
function nameEventHandlers(discovery: DiscoveryService, scanner: MetadataScanner): void {
  for (const wrapper of discovery.getControllers()) {
    const prototype = (wrapper.metatype as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    if (!prototype) continue;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[method] as object;
      if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, fn) !== PatternHandler.EVENT) continue;
      const extras = (Reflect.getMetadata(PATTERN_EXTRAS_METADATA, fn) ?? {}) as { name?: string };
      if (extras.name === undefined)
        Reflect.defineMetadata(PATTERN_EXTRAS_METADATA, { ...extras, name: `${wrapper.name}.${method}` }, fn);
    }
  }
}
