import { databaseNameOf, describePostgresUrl, maintenanceUrlOf, quoteIdent } from './postgres-url';
import { connectClient, describeError, errorCode, withClient } from './pg-client';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name can also collide on pg_database's unique index.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the URL's database when it does not exist yet. Safe to call from
 * several processes at once: losing the creation race counts as "exists".
 * Throws DatabaseUnreachableError when the server cannot be reached, and a
 * plain Error when the database is missing and cannot be created.
 */
export async function ensureDatabase(
  url: string,
  applicationName = 'pokervod-ensure-database',
): Promise<{ created: boolean }> {
  // Connect to the target first: when it exists we never need rights on the maintenance database.
  try {
    const client = await connectClient(url, applicationName);
    await client.end().catch(() => undefined);
    return { created: false };
  } catch (error) {
    if (errorCode(error) !== INVALID_CATALOG_NAME) throw error;
  }

  const name = databaseNameOf(url);
  return withClient(maintenanceUrlOf(url), applicationName, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return { created: false };
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return { created: true };
    } catch (error) {
      const code = errorCode(error);
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return { created: false };
      throw new Error(
        `Cannot create database ${quoteIdent(name)} at ${describePostgresUrl(url)}: ${describeError(error)}`,
      );
    }
  });
}
