import { randomUUID } from 'node:crypto';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { context, propagation } from '@opentelemetry/api';
import { CommandName, CommandReply, CommandRequest, CommandResponse, Commands } from '@pokervod/contracts';
import { currentMessageContext, runWithMessageContext } from '@pokervod/telemetry';
import type { z } from 'zod';
import type { AmqpLink, BusLogger } from './amqp-link';
import type { TopologyNames } from './topology';
import { Header } from './topology';
import type { BusMetrics } from './metrics';
import { describeIssues } from './event-codec';
import {
  CommandFailedError,
  CommandRejection,
  CommandTimeoutError,
  CommandUnroutableError,
  InvalidCommandError,
} from './errors';

export type CommandHandler<C extends CommandName> = (
  request: z.output<(typeof Commands)[C]['request']>,
) => Promise<CommandResponse<C>> | CommandResponse<C>;

export interface RequestOptions {
  timeoutMs?: number;
  /** Overrides the routing key (the command name), e.g. `system.ping.<app>`. */
  routingKey?: string;
}

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';
const VERSION = appVersion();

/** The version `system.ping` reports: the image's (deploy/versions.json), else npm's when run by `npm start`. */
export function appVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env['POKERVOD_VERSION'] || env['npm_package_version'] || '0.0.0';
}

/** Answers the commands an app registered, on its queue `pokervod.<app>.commands`. */
export class CommandServer {
  private readonly handlers = new Map<string, CommandHandler<CommandName>>();
  private wrapper: ChannelWrapper | null = null;
  private consumer: { channel: Channel; tag: string } | null = null;
  private stopping = false;

  constructor(
    private readonly link: AmqpLink,
    private readonly names: TopologyNames,
    private readonly app: string,
    private readonly logger: BusLogger,
    private readonly metrics: BusMetrics,
  ) {
    this.register('system.ping', () => ({
      app,
      block: app,
      version: VERSION,
      time: new Date().toISOString(),
    }));
  }

  register<C extends CommandName>(name: C, handler: CommandHandler<C>): void {
    this.handlers.set(name, handler as unknown as CommandHandler<CommandName>);
  }

  private routingKeys(): string[] {
    return [...this.handlers.keys()].map((name) => (name === 'system.ping' ? `system.ping.${this.app}` : name));
  }

  async start(): Promise<void> {
    this.link.expectConsumer('commands');
    this.wrapper = this.link.channel('commands', async (ch) => {
      if (this.stopping) return;
      await ch.assertExchange(this.names.commandExchange, 'topic', { durable: true });
      await ch.assertQueue(this.names.commandQueue, { durable: true });
      for (const key of this.routingKeys())
        await ch.bindQueue(this.names.commandQueue, this.names.commandExchange, key);
      await ch.prefetch(16);
      const { consumerTag } = await ch.consume(this.names.commandQueue, (msg) => msg && void this.answer(ch, msg));
      this.consumer = { channel: ch, tag: consumerTag };
      this.link.consumerAttached('commands', ch);
    });
    await this.wrapper.waitForConnect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.consumer) await this.consumer.channel.cancel(this.consumer.tag).catch(() => undefined);
    this.link.consumerDetached('commands');
  }

  private async answer(ch: Channel, msg: ConsumeMessage): Promise<void> {
    const key = msg.fields.routingKey;
    const name = (key.startsWith('system.ping.') ? 'system.ping' : key) as CommandName;
    const reply = await this.run(name, msg);
    this.metrics.commands.inc({ app: this.app, command: name, outcome: reply.ok ? 'ok' : reply.error.code });
    try {
      if (msg.properties.replyTo) {
        ch.sendToQueue(msg.properties.replyTo, Buffer.from(JSON.stringify(reply)), {
          correlationId: msg.properties.correlationId,
          contentType: 'application/json',
        });
      }
      ch.ack(msg);
    } catch (error) {
      this.logger.warn(`could not reply to ${name}: ${(error as Error).message}`);
    }
  }

  private async run(name: CommandName, msg: ConsumeMessage): Promise<CommandReply> {
    const handler = this.handlers.get(name);
    const def = Commands[name];
    if (!handler || !def) return failure('unknown_command', `${this.app} does not answer ${name}`);
    let body: unknown;
    try {
      body = JSON.parse(msg.content.toString('utf8'));
    } catch {
      return failure('invalid_request', 'body is not JSON');
    }
    const request = def.request.safeParse(body);
    if (!request.success) return failure('invalid_request', describeIssues(request.error));
    const correlationId = String(msg.properties.headers?.[Header.correlationId] ?? msg.properties.correlationId);
    try {
      const result = await runWithMessageContext({ correlationId, causationId: null, eventId: null }, () =>
        handler(request.data as never),
      );
      const response = def.response.safeParse(result);
      if (!response.success) return failure('invalid_response', describeIssues(response.error));
      return { ok: true, result: response.data };
    } catch (error) {
      if (error instanceof CommandRejection) return failure(error.code, error.message);
      this.logger.error(`command ${name} failed: ${(error as Error).message}`);
      return failure('handler_error', (error as Error).message);
    }
  }
}

function failure(code: string, message: string): CommandReply {
  return { ok: false, error: { code, message } };
}

interface Pending {
  name: CommandName;
  resolve(reply: CommandReply): void;
  reject(error: Error): void;
}

/** Sends commands and waits for replies on RabbitMQ's direct reply-to pseudo-queue. */
export class CommandClient {
  private readonly pending = new Map<string, Pending>();
  private wrapper: ChannelWrapper | null = null;

  constructor(
    private readonly link: AmqpLink,
    private readonly names: TopologyNames,
    private readonly app: string,
  ) {}

  async start(): Promise<void> {
    this.link.expectConsumer('replies');
    // Direct reply-to needs the consumer on the very channel that publishes; no confirms on it.
    this.wrapper = this.link.channel(
      'replies',
      async (ch) => {
        await ch.assertExchange(this.names.commandExchange, 'topic', { durable: true });
        ch.on('return', (msg: ConsumeMessage) => {
          const pending = this.take(msg.properties.correlationId);
          pending?.reject(new CommandUnroutableError(pending.name));
        });
        await ch.consume(DIRECT_REPLY_TO, (msg) => msg && this.onReply(msg), { noAck: true });
        this.link.consumerAttached('replies', ch);
      },
      false,
    );
    await this.wrapper.waitForConnect();
  }

  stop(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error(`bus of ${this.app} stopped before ${p.name} was answered`));
    }
  }

  request<C extends CommandName>(
    name: C,
    payload: CommandRequest<C>,
    opts: RequestOptions = {},
  ): Promise<CommandResponse<C>> {
    const def = Commands[name];
    const request = def.request.safeParse(payload);
    if (!request.success) return Promise.reject(new InvalidCommandError(name, describeIssues(request.error)));
    const wrapper = this.wrapper;
    if (!wrapper) return Promise.reject(new Error('bus not started'));
    const timeoutMs = opts.timeoutMs ?? 5000;
    const id = randomUUID();
    const headers: Record<string, string> = {
      [Header.correlationId]: currentMessageContext()?.correlationId ?? id,
    };
    propagation.inject(context.active(), headers);

    return new Promise<CommandResponse<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandTimeoutError(name, timeoutMs));
      }, timeoutMs);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      this.pending.set(id, {
        name,
        reject: (error) => settle(() => reject(error)),
        resolve: (reply) =>
          settle(() => {
            if (!reply.ok) return reject(new CommandFailedError(name, reply.error.code, reply.error.message));
            const parsed = def.response.safeParse(reply.result);
            if (!parsed.success)
              return reject(new CommandFailedError(name, 'invalid_response', describeIssues(parsed.error)));
            resolve(parsed.data as CommandResponse<C>);
          }),
      });
      wrapper
        .publish(this.names.commandExchange, opts.routingKey ?? name, Buffer.from(JSON.stringify(request.data)), {
          replyTo: DIRECT_REPLY_TO,
          correlationId: id,
          // A request nobody took within the timeout is worthless: let the broker drop it.
          expiration: String(timeoutMs),
          mandatory: true,
          contentType: 'application/json',
          type: name,
          headers,
        })
        .catch((error: Error) => this.take(id)?.reject(error));
    });
  }

  private take(id: string | undefined): Pending | undefined {
    if (!id) return undefined;
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending;
  }

  private onReply(msg: ConsumeMessage): void {
    const pending = this.take(msg.properties.correlationId);
    if (!pending) return; // late reply after a timeout
    try {
      pending.resolve(JSON.parse(msg.content.toString('utf8')) as CommandReply);
    } catch (error) {
      pending.reject(new CommandFailedError(pending.name, 'invalid_reply', (error as Error).message));
    }
  }
}
