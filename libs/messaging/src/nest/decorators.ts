import { SetMetadata } from '@nestjs/common';
import 'reflect-metadata';
import type { CommandName, EventType } from '@pokervod/contracts';
import type { HandlerOptions } from '../core/message-bus';

export const EVENT_HANDLER = Symbol('pokervod:event-handler');
export const COMMAND_HANDLER = Symbol('pokervod:command-handler');

export interface EventHandlerMeta extends HandlerOptions {
  pattern: EventType | string;
}

/**
 * Marks a provider method as the handler of events matching `pattern`:
 * `(event, ctx) => Promise<void>`. Stack it to handle several types.
 */
export function OnEvent(pattern: EventType | string, options: HandlerOptions = {}): MethodDecorator {
  return (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const existing: EventHandlerMeta[] = Reflect.getMetadata(EVENT_HANDLER, method) ?? [];
    Reflect.defineMetadata(EVENT_HANDLER, [...existing, { pattern, ...options }], method);
    return descriptor;
  };
}

/** Marks a provider method as the answer to a command: `(request) => Promise<response>`. */
export const OnCommand = (name: CommandName) => SetMetadata<symbol, CommandName>(COMMAND_HANDLER, name);
