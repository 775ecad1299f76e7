import { Client } from 'pg';
import { describePostgresUrl } from './postgres-url';

/** How long to wait for a TCP connection + auth before calling Postgres unreachable. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** Raised when Postgres cannot be reached at all (as opposed to a query failing). */
export class DatabaseUnreachableError extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
    /** The Postgres SQLSTATE or Node error code, when there is one. */
    readonly code: string | undefined,
  ) {
    super(`Postgres unreachable at ${target}: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Opens one plain connection (no pool), or throws DatabaseUnreachableError. */
export async function connectClient(url: string, applicationName: string): Promise<Client> {
  const client = new Client({
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection dropped while idle would otherwise crash the process with an
  // unhandled 'error' event; the next query on it fails and reports instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseUnreachableError(describePostgresUrl(url), describeError(error), errorCode(error));
  }
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withClient<T>(
  url: string,
  applicationName: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = await connectClient(url, applicationName);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The SQLSTATE (`42P04`) or Node code (`ECONNREFUSED`) of an error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** One readable line; Node reports a refused dual-stack connect as an AggregateError with an empty message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return (error.message || errorCode(error) || error.name).replace(/\s+/g, ' ').trim();
  return String(error);
}
