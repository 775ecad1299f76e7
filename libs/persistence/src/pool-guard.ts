import type { DataSource } from 'typeorm';

interface PoolClientLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PoolLike {
  on(event: 'connect', listener: (client: PoolClientLike) => void): unknown;
  _clients?: PoolClientLike[];
}

/**
 * Gives every pooled Postgres connection of `dataSource` an 'error' listener
 * for its whole life. When Postgres ends a connection that is checked out
 * (pg_terminate_backend, a restart, a failover), TypeORM handles the first
 * error and releases the connection, removing its listener; the connection
 * can emit once more before it is closed, and an 'error' event nobody
 * listens to ends the process. With this, the query that used the
 * connection fails and reports, and the service goes on.
 */
export function guardPoolConnections(dataSource: DataSource, onError: (error: Error) => void): void {
  const pool = (dataSource.driver as unknown as { master?: PoolLike }).master;
  if (!pool) return;
  const guard = (client: PoolClientLike) => client.on('error', onError);
  pool.on('connect', guard);
  for (const client of pool._clients ?? []) guard(client);
}
