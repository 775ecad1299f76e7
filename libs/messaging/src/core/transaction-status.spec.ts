import { EventEmitter } from 'node:events';
import type { EntityManager } from 'typeorm';
import { transactionAborted } from './transaction-status';

/** A stand-in for pg's Client, holding only what the check reads. */
function pgClient(status: string, readyForQuery: boolean) {
  const client = {
    readyForQuery,
    status,
    connection: new EventEmitter(),
    getTransactionStatus: () => client.status,
  };
  return client;
}

const managerOf = (client: unknown): EntityManager =>
  ({ queryRunner: { databaseConnection: client } }) as unknown as EntityManager;

describe('transactionAborted', () => {
  it('reads the status at once when the connection is ready for a query', async () => {
    await expect(transactionAborted(managerOf(pgClient('T', true)))).resolves.toBe(false);
    await expect(transactionAborted(managerOf(pgClient('E', true)))).resolves.toBe(true);
  });

  it('waits for ReadyForQuery when a failed query was rejected before the server sent it', async () => {
    const client = pgClient('T', false);
    const answer = transactionAborted(managerOf(client));
    // The server's ReadyForQuery arrives in a later packet: pg sets the status, then the check reads it.
    setTimeout(() => {
      client.status = 'E';
      client.readyForQuery = true;
      client.connection.emit('readyForQuery');
    }, 20);
    await expect(answer).resolves.toBe(true);
    expect(client.connection.listenerCount('readyForQuery')).toBe(0);
    expect(client.connection.listenerCount('end')).toBe(0);
  });

  it('gives the transaction up when the connection ends before ReadyForQuery (a terminated backend)', async () => {
    const client = pgClient('T', false);
    const answer = transactionAborted(managerOf(client));
    client.connection.emit('end');
    await expect(answer).resolves.toBe(true);
    expect(client.connection.listenerCount('readyForQuery')).toBe(0);
  });

  it('does not wait on a connection whose socket is already closed (its end event has passed)', async () => {
    const client = {
      ...pgClient('T', false),
      connection: Object.assign(new EventEmitter(), { stream: { destroyed: true } }),
    };
    await expect(transactionAborted(managerOf(client))).resolves.toBe(true);
  });

  it('waits a bounded time: a connection that never becomes ready counts as unusable', async () => {
    const client = pgClient('T', false);
    const started = Date.now();
    await expect(transactionAborted(managerOf(client), 50)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(client.connection.listenerCount('end')).toBe(0);
  });

  it('is false without a pg connection (another driver, or no transaction)', async () => {
    await expect(transactionAborted({ queryRunner: undefined } as unknown as EntityManager)).resolves.toBe(false);
  });
});
