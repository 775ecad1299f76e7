export * from './core/message-bus';
export * from './core/errors';
export * from './core/topology';
export * from './core/event-codec';
export * from './core/dead-letters';
export type { BusLogger } from './core/amqp-link';
export type { CommandHandler, RequestOptions } from './core/commands';
export * from './nest/decorators';
export * from './nest/messaging.module';
