import { SetMetadata } from '@nestjs/common';
import type { CommandName, EventType } from '@pokervod/contracts';
import type { HandlerOptions } from '../core/message-bus';

export const EVENT_HANDLER = Symbol('pokervod:event-handler');
export const COMMAND_HANDLER = Symbol('pokervod:command-handler');

export interface EventHandlerMeta extends HandlerOptions {
  pattern: EventType | string;
}

/** Marks a provider method as the handler of events matching `pattern`: `(event, ctx) => Promise<void>`. */
export const OnEvent = (pattern: EventType | string, options: HandlerOptions = {}) =>
  SetMetadata<symbol, EventHandlerMeta>(EVENT_HANDLER, { pattern, ...options });

/** Marks a provider method as the answer to a command: `(request) => Promise<response>`. */
export const OnCommand = (name: CommandName) => SetMetadata<symbol, CommandName>(COMMAND_HANDLER, name);
