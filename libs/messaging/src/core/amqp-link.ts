import * as os from 'node:os';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConfirmChannel } from 'amqplib';

export interface BusLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleBusLogger: BusLogger = {
  log: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

const MIN_RECONNECT_S = 0.5;
const MAX_RECONNECT_S = 15;

/**
 * One AMQP connection that heals itself: amqp-connection-manager reconnects
 * and re-runs each channel's setup (topology, consumers); we add exponential
 * backoff between failed attempts and track which consumers are attached, so
 * readiness can say 503 while one is not.
 */
export class AmqpLink {
  readonly manager: AmqpConnectionManager;
  private readonly attached = new Set<string>();
  private readonly expected = new Set<string>();

  constructor(
    url: string,
    readonly connectionName: string,
    private readonly logger: BusLogger,
  ) {
    this.manager = amqp.connect([url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: MIN_RECONNECT_S,
      // Nagle's algorithm adds tens of ms to small request/reply messages.
      connectionOptions: { noDelay: true, clientProperties: { connection_name: connectionName } },
    });
    this.manager.on('connect', () => {
      this.manager.reconnectTimeInSeconds = MIN_RECONNECT_S;
      this.logger.log(`connected to RabbitMQ as "${connectionName}"`);
    });
    this.manager.on('connectFailed', ({ err }) => {
      this.manager.reconnectTimeInSeconds = Math.min(MAX_RECONNECT_S, this.manager.reconnectTimeInSeconds * 2);
      this.logger.warn(`RabbitMQ unreachable (${err.message}); retrying in ${this.manager.reconnectTimeInSeconds}s`);
    });
    this.manager.on('disconnect', ({ err }) => {
      this.attached.clear();
      this.logger.warn(`disconnected from RabbitMQ: ${err?.message ?? 'closed'}`);
    });
  }

  static defaultConnectionName(app: string): string {
    return `${app}@${os.hostname()}:${process.pid}`;
  }

  /** A channel whose `setup` runs again after every reconnect. */
  channel(name: string, setup: (channel: ConfirmChannel) => Promise<void>, confirm = true): ChannelWrapper {
    const wrapper = this.manager.createChannel({
      name,
      confirm,
      publishTimeout: 30_000,
      setup: (channel: ConfirmChannel) => setup(channel),
    });
    wrapper.on('error', (err: Error) => this.logger.error(`channel ${name}: ${err.message}`));
    return wrapper;
  }

  /** Declares that a consumer named `name` must be attached for the link to be ready. */
  expectConsumer(name: string): void {
    this.expected.add(name);
  }

  consumerAttached(name: string, channel: Channel): void {
    this.attached.add(name);
    channel.once('close', () => this.attached.delete(name));
  }

  consumerDetached(name: string): void {
    this.attached.delete(name);
    this.expected.delete(name);
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** What is missing for readiness, empty when ready. */
  problems(): string[] {
    const problems: string[] = [];
    if (!this.isConnected()) problems.push('not connected to RabbitMQ');
    for (const name of this.expected) if (!this.attached.has(name)) problems.push(`consumer ${name} not attached`);
    return problems;
  }

  async close(): Promise<void> {
    await this.manager.close();
  }
}
