/**
 * Pure helpers around a `postgres://user@host:port/database` URL. Kept apart
 * so error messages never echo a password and SQL never trusts a raw name.
 */

/** The database the URL points at; it must name one explicitly. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(parseUrl(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`Postgres URL names no database: ${describePostgresUrl(url)}`);
  return name;
}

/** Same server and credentials, but the `postgres` maintenance database (where CREATE DATABASE runs). */
export function maintenanceUrlOf(url: string): string {
  const parsed = parseUrl(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

/** `host:port/database` — safe to print: no user, no password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${decodeURIComponent(parsed.pathname)}`;
  } catch {
    return '<invalid Postgres URL>';
  }
}

/** A double-quoted SQL identifier; embedded quotes are doubled, so any name is safe. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new Error('Invalid Postgres URL (expected postgres://user@host:port/database)');
  }
}
