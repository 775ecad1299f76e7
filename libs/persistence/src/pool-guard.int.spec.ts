import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@pokervod/testing';
import { guardPoolConnections } from './pool-guard';

jest.setTimeout(60_000);

/**
 * A transaction's connection is terminated by Postgres while checked out
 * (pg_terminate_backend): TypeORM handles the first error and releases the
 * connection; pg-pool drops it. A later 'error' on that connection (seen in
 * the fault suite: the socket's own) must find a listener, or it ends the process.
 */
describe('guardPoolConnections (real Postgres)', () => {
  let db: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase('pool_guard');
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  it('keeps a listener of its own on every pooled connection, also one Postgres terminated mid-transaction', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url: db.url, poolSize: 2 }).initialize();
    const pool = (dataSource.driver as unknown as { master: EventEmitter & { _clients: EventEmitter[] } }).master;
    const heard: string[] = [];
    const onError = (error: Error) => void heard.push(error.message);
    guardPoolConnections(dataSource, onError);
    let used: EventEmitter | undefined;
    const failure = await dataSource
      .transaction(async (m) => {
        used = (m.queryRunner as unknown as { databaseConnection: EventEmitter }).databaseConnection;
        const [{ pid }] = await m.query(`SELECT pg_backend_pid() AS pid`);
        await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await m.query(`SELECT 1`);
      })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failure).toMatch(/terminating connection|already released/);
    expect(pool._clients).not.toContain(used); // dropped by the pool
    // Whatever pg-pool and TypeORM still listen with, ours stays for the connection's life and hears a late error.
    expect(used!.listeners('error')).toContain(onError);
    used!.emit('error', new Error('read ECONNRESET'));
    expect(heard).toContain('read ECONNRESET');
    // The pool goes on answering on a new connection, which is guarded too.
    expect(await dataSource.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    expect(pool._clients.every((client) => client.listeners('error').includes(onError))).toBe(true);
    await dataSource.destroy();
  });
});
