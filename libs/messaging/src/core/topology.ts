/**
 * Names of everything the bus declares on RabbitMQ
 * (docs/architecture.md#messaging-topology). Tests pass their own exchange
 * names and prefix so they never touch the running system.
 */
export interface TopologyNames {
  /** Topic exchange for events, routing key = event type. */
  exchange: string;
  /** Topic exchange for request/reply commands, routing key = command name (`system.ping.<app>` for pings). */
  commandExchange: string;
  /** The app's durable event queue. */
  queue: string;
  /** Where events that cannot be handled end up, with their reason. */
  deadLetterQueue: string;
  /** The app's command queue. */
  commandQueue: string;
  /** Delay queue for one retry delay; it dead-letters back to the app's queue. */
  retryQueue(delayMs: number): string;
}

/**
 * The commands' topic exchange. Not `pokervod.commands`: earlier releases
 * declared that name as a direct exchange, and RabbitMQ cannot change an
 * exchange's type in place (a redeclaration fails the channel).
 */
export const DEFAULT_COMMAND_EXCHANGE = 'pokervod.commands.topic';

export function topologyNames(opts: {
  app: string;
  exchange?: string;
  commandExchange?: string;
  queuePrefix?: string;
}): TopologyNames {
  const prefix = opts.queuePrefix ?? 'pokervod';
  const queue = `${prefix}.${opts.app}`;
  return {
    exchange: opts.exchange ?? 'pokervod.events',
    commandExchange: opts.commandExchange ?? DEFAULT_COMMAND_EXCHANGE,
    queue,
    deadLetterQueue: `${queue}.dlq`,
    commandQueue: `${queue}.commands`,
    retryQueue: (delayMs) => `${queue}.retry.${delayMs}ms`,
  };
}

/** AMQP topic matching: `*` is exactly one word, `#` zero or more. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === '#') {
      for (let skip = j; skip <= k.length; skip++) if (match(i + 1, skip)) return true;
      return false;
    }
    if (j === k.length) return false;
    return (p[i] === '*' || p[i] === k[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

/** Message headers the bus reads and writes. */
export const Header = {
  attempt: 'x-attempt',
  originalRoutingKey: 'x-original-routing-key',
  deathReason: 'x-death-reason',
  failedAt: 'x-failed-at',
  failedBy: 'x-failed-by',
  lastError: 'x-last-error',
  replayedAt: 'x-replayed-at',
  correlationId: 'x-correlation-id',
} as const;
