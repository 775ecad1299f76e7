import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { TEST_AMQP_URL, TestTopology } from '@pokervod/testing';
import type { EventPath, RequestPath, Sink } from './drivers';
import { BENCH_COMMAND, BENCH_EVENT } from './constants';
import { now } from '../shared/util';

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

/**
 * The floor: the same wire traffic with plain amqplib and nothing else.
 * Same broker objects as the bus (durable topic exchange → durable queue,
 * persistent messages, publisher confirms, manual ack, prefetch 32, direct
 * reply-to for commands), same-shaped JSON envelope, noDelay sockets; but no
 * zod validation, no amqp-connection-manager, no tracing/metrics hooks.
 */
export class BarePath implements EventPath, RequestPath {
  readonly sink: Sink = { tracker: null };
  readonly waitForCommit = false;
  private readonly exchange: string;
  private readonly commandExchange: string;
  private readonly queue: string;
  private readonly commandQueue: string;
  private connections: ChannelModel[] = [];
  private pub!: ConfirmChannel;
  private client!: Channel;
  private readonly pending = new Map<
    string,
    { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();

  constructor(
    readonly label: string,
    private readonly topology: TestTopology,
    /** Consumer prefetch; 32 is the bus default (AMQP_PREFETCH). */
    private readonly prefetch = 32,
  ) {
    this.exchange = topology.exchange;
    this.commandExchange = topology.commandExchange;
    this.queue = `${topology.queuePrefix}.bare-consumer`;
    this.commandQueue = `${topology.queuePrefix}.bare-consumer.commands`;
  }

  private async connect(role: string): Promise<ChannelModel> {
    const conn = await amqplib.connect(TEST_AMQP_URL, {
      noDelay: true,
      clientProperties: { connection_name: `${this.topology.id}-bare-${role}` },
    });
    conn.on('error', () => undefined);
    this.connections.push(conn);
    return conn;
  }

  async start(): Promise<void> {
    // Publisher + command client on one connection, consumer + command server on another (like the two buses).
    const pubConn = await this.connect('publisher');
    const conConn = await this.connect('consumer');

    this.pub = await pubConn.createConfirmChannel();
    await this.pub.assertExchange(this.exchange, 'topic', { durable: true });

    const con = await conConn.createChannel();
    await con.assertExchange(this.exchange, 'topic', { durable: true });
    await con.assertQueue(this.queue, { durable: true });
    await con.bindQueue(this.queue, this.exchange, BENCH_EVENT);
    await con.prefetch(this.prefetch);
    await con.consume(
      this.queue,
      (msg) => {
        if (!msg) return;
        const t = now();
        const envelope = JSON.parse(msg.content.toString('utf8')) as { payload: { code: string; project_id: string } };
        this.sink.tracker?.handled(envelope.payload.code, Number(envelope.payload.project_id), t);
        con.ack(msg);
      },
      { noAck: false },
    );

    const server = await conConn.createChannel();
    await server.assertExchange(this.commandExchange, 'direct', { durable: true });
    await server.assertQueue(this.commandQueue, { durable: true });
    await server.bindQueue(this.commandQueue, this.commandExchange, BENCH_COMMAND);
    await server.prefetch(16);
    await server.consume(this.commandQueue, (msg) => {
      if (!msg) return;
      const req = JSON.parse(msg.content.toString('utf8')) as { code: string; name: string };
      const reply = { ok: true, result: { id: `p-${req.code}`, code: req.code, name: req.name } };
      server.sendToQueue(msg.properties.replyTo, Buffer.from(JSON.stringify(reply)), {
        correlationId: msg.properties.correlationId,
        contentType: 'application/json',
      });
      server.ack(msg);
    });

    this.client = await pubConn.createChannel();
    await this.client.assertExchange(this.commandExchange, 'direct', { durable: true });
    this.client.on('return', (msg: ConsumeMessage) =>
      this.settle(msg.properties.correlationId, new Error('unroutable')),
    );
    await this.client.consume(
      DIRECT_REPLY_TO,
      (msg) => {
        if (!msg) return;
        const reply = JSON.parse(msg.content.toString('utf8')) as { ok: boolean; result: unknown };
        this.settle(msg.properties.correlationId, reply.ok ? null : new Error('command failed'), reply.result);
      },
      { noAck: true },
    );
  }

  publish(tag: string, i: number): Promise<unknown> {
    const id = randomUUID();
    const envelope = {
      id,
      type: BENCH_EVENT,
      payload: { project_id: String(i), code: tag, name: `bench project ${i}` },
      timestamp: new Date().toISOString(),
      source_block: 'B',
      correlation_id: id,
      causation_id: null,
      version: 1,
    };
    return new Promise<void>((resolve, reject) => {
      this.pub.publish(
        this.exchange,
        BENCH_EVENT,
        Buffer.from(JSON.stringify(envelope)),
        { persistent: true, contentType: 'application/json', messageId: id, correlationId: id, type: BENCH_EVENT },
        (err) => (err ? reject(err instanceof Error ? err : new Error('nacked')) : resolve()),
      );
    });
  }

  request(i: number): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new Error(`request ${i} timed out`)), 5_000);
      this.pending.set(id, { resolve, reject, timer });
      this.client.publish(
        this.commandExchange,
        BENCH_COMMAND,
        Buffer.from(JSON.stringify({ code: `c${i}`, name: `bench project ${i}` })),
        {
          replyTo: DIRECT_REPLY_TO,
          correlationId: id,
          expiration: '5000',
          mandatory: true,
          contentType: 'application/json',
        },
      );
    });
  }

  private settle(id: string | undefined, error: Error | null, value?: unknown): void {
    if (!id) return;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve(value);
  }

  async stop(): Promise<void> {
    for (const [id] of this.pending) this.settle(id, new Error('stopped'));
    await Promise.allSettled(this.connections.map((c) => c.close()));
    this.connections = [];
  }
}
