import type { EntityManager } from 'typeorm';

interface PgClient {
  readyForQuery?: boolean;
  getTransactionStatus?(): string | null;
  connection?: NodeJS.EventEmitter;
}

/**
 * Whether the handler left its transaction aborted (it caught an SQL error and
 * went on). pg rejects a failed query on the server's ErrorResponse, before the
 * ReadyForQuery that carries the new transaction status; when that arrives in
 * a later packet, the status must be awaited or the abort goes unseen.
 */
export async function transactionAborted(manager: EntityManager): Promise<boolean> {
  const client = (manager.queryRunner as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
  if (!client?.getTransactionStatus) return false;
  const connection = client.connection;
  if (client.readyForQuery === false && connection) {
    await new Promise<void>((settled) => {
      const done = (): void => {
        for (const event of ['readyForQuery', 'end', 'error']) connection.off(event, done);
        settled();
      };
      for (const event of ['readyForQuery', 'end', 'error']) connection.once(event, done);
    });
  }
  return client.getTransactionStatus() === 'E';
}
