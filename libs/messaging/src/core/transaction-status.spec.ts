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

  it('stops waiting when the connection ends', async () => {
    const client = pgClient('T', false);
    const answer = transactionAborted(managerOf(client));
    client.connection.emit('end');
    await expect(answer).resolves.toBe(false);
  });

  it('is false without a pg connection (another driver, or no transaction)', async () => {
    await expect(transactionAborted({ queryRunner: undefined } as unknown as EntityManager)).resolves.toBe(false);
  });
});
