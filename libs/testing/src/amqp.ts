import { randomBytes, randomUUID } from 'node:crypto';
import amqplib from 'amqplib';

/** The broker tests use; override with TEST_AMQP_URL. */
export const TEST_AMQP_URL = process.env['TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
/** RabbitMQ management API, for cleanup and narrow fault injection. */
export const RABBITMQ_API = process.env['TEST_RABBITMQ_API'] ?? 'http://guest:guest@127.0.0.1:15672/api';

export interface TestTopology {
  /** Unique id; every name below starts with it. */
  id: string;
  exchange: string;
  commandExchange: string;
  queuePrefix: string;
}

/** Exchange and queue names no other test run or running system shares. */
export function uniqueTopology(prefix = 't'): TestTopology {
  const id = `test-${prefix}-${randomBytes(4).toString('hex')}`;
  return { id, exchange: `${id}.events`, commandExchange: `${id}.commands`, queuePrefix: id };
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const url = new URL(`${RABBITMQ_API}${path}`);
  const auth = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString(
    'base64',
  );
  url.username = '';
  url.password = '';
  const res = await fetch(url, { ...init, headers: { authorization: `Basic ${auth}`, ...init.headers } });
  if (!res.ok && res.status !== 404) throw new Error(`RabbitMQ API ${init.method ?? 'GET'} ${path}: ${res.status}`);
  return (res.status === 204 || res.status === 404 ? undefined : await res.json()) as T;
}

/** Deletes every queue and exchange whose name starts with the topology's id. */
export async function deleteTopology(topology: TestTopology): Promise<void> {
  const queues = await api<{ name: string; vhost: string }[]>('/queues?columns=name,vhost');
  const exchanges = await api<{ name: string; vhost: string }[]>('/exchanges?columns=name,vhost');
  const mine = (n: string) => n.startsWith(topology.id);
  for (const q of queues.filter((q) => mine(q.name))) {
    await api(`/queues/${encodeURIComponent(q.vhost)}/${encodeURIComponent(q.name)}`, { method: 'DELETE' });
  }
  for (const e of exchanges.filter((e) => mine(e.name))) {
    await api(`/exchanges/${encodeURIComponent(e.vhost)}/${encodeURIComponent(e.name)}`, { method: 'DELETE' });
  }
}

export async function queueDepth(queue: string, vhost = '/'): Promise<number> {
  const q = await api<{ messages?: number } | undefined>(
    `/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`,
  );
  return q?.messages ?? 0;
}

/**
 * Narrow fault injection: force-closes the AMQP connections whose client
 * `connection_name` starts with `namePrefix`, leaving everyone else's alone.
 * The management API lists new connections with a delay, so it waits until
 * at least `atLeast` are visible. Returns how many were closed.
 */
export async function closeConnections(namePrefix: string, { atLeast = 1, timeoutMs = 20_000 } = {}): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connections = await api<{ name: string; client_properties?: { connection_name?: string } }[]>(
      '/connections?columns=name,client_properties',
    );
    const mine = connections.filter((c) => c.client_properties?.connection_name?.startsWith(namePrefix));
    if (mine.length >= atLeast || Date.now() > deadline) {
      for (const c of mine) {
        await api(`/connections/${encodeURIComponent(c.name)}`, {
          method: 'DELETE',
          headers: { 'X-Reason': 'test fault injection' },
        });
      }
      return mine.length;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Publishes an event the way an operator does from the management console:
 * a raw JSON envelope on the topic exchange, outside any MessageBus.
 */
export async function publishRawEvent(
  topology: Pick<TestTopology, 'exchange'>,
  event: { type: string; payload: unknown; correlationId: string; source: string; timestamp?: string },
): Promise<string> {
  const id = randomUUID();
  const conn = await amqplib.connect(TEST_AMQP_URL);
  try {
    const ch = await conn.createConfirmChannel();
    const body = {
      id,
      type: event.type,
      payload: event.payload,
      timestamp: event.timestamp ?? new Date().toISOString(),
      source_block: event.source,
      correlation_id: event.correlationId,
      causation_id: null,
      version: 1,
    };
    ch.publish(topology.exchange, event.type, Buffer.from(JSON.stringify(body)), { persistent: true });
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
  return id;
}
