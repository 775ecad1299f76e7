import type { EntityManager } from 'typeorm';

interface PgClient {
  readyForQuery?: boolean;
  getTransactionStatus?(): string | null;
  connection?: NodeJS.EventEmitter & { stream?: { destroyed?: boolean } };
}

/** How long to wait for the ReadyForQuery of a failed query before giving the transaction up as unusable. */
export const READY_FOR_QUERY_WAIT_MS = 2_000;

/**
 * Whether the handler left its transaction unable to commit: it caught an SQL
 * error and went on (aborted), or its connection is gone. pg rejects a failed
 * query on the server's ErrorResponse, before the ReadyForQuery that carries
 * the new transaction status; when that arrives in a later packet, it is
 * awaited, briefly. A connection that closed (a terminated backend sends no
 * ReadyForQuery) or that stays busy past the wait counts as unusable: the
 * delivery is retried, which the inbox makes safe, and never waits forever.
 */
export async function transactionAborted(
  manager: EntityManager,
  waitMs: number = READY_FOR_QUERY_WAIT_MS,
): Promise<boolean> {
  const client = (manager.queryRunner as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
  if (!client?.getTransactionStatus) return false;
  if (client.readyForQuery === false) {
    const connection = client.connection;
    if (!connection || connection.stream?.destroyed) return true;
    const ready = await new Promise<boolean>((settled) => {
      const finish = (answer: boolean) => () => {
        clearTimeout(timer);
        connection.off('readyForQuery', onReady);
        connection.off('end', onGone);
        connection.off('error', onGone);
        settled(answer);
      };
      const onReady = finish(true);
      const onGone = finish(false);
      const timer = setTimeout(onGone, waitMs);
      connection.once('readyForQuery', onReady);
      connection.once('end', onGone);
      connection.once('error', onGone);
    });
    if (!ready) return true;
  }
  return client.getTransactionStatus() === 'E';
}
