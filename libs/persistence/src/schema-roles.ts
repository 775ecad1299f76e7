import { MIGRATION_LOCK_KEY } from './run-migrations';
import { connectClient, describeError, errorCode } from './pg-client';
import { databaseNameOf, describePostgresUrl, quoteIdent } from './postgres-url';

/** One block's login role, allowed to read and write its own schema only. */
export interface SchemaRole {
  schema: string;
  role: string;
  /** Set (or rotated) on every run when given; without it the role's password is left as it is. */
  password?: string;
}

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';

/** `'…'` with embedded quotes doubled (standard_conforming_strings, the default since Postgres 9.1). */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('A role password cannot contain a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * What a schema's role may do, as SQL the schemas' owner runs after the
 * migrations: use its schema and every table, sequence and function in it
 * (now and, through default privileges, those later migrations create), and
 * nothing else — other schemas are never granted, so Postgres refuses them.
 * No DDL: the schema stays owned by block G, which alone migrates it.
 */
export function schemaRoleGrants(database: string, { schema, role }: SchemaRole): string[] {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  return [
    `GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT EXECUTE ON FUNCTIONS TO ${r}`,
  ];
}

/**
 * Creates each schema's login role if missing, sets its password when one is
 * given, and grants it its own schema (schemaRoleGrants). Run by block G as
 * the schemas' owner after the migrations, under the migration lock so two
 * runners never interleave. Roles that already exist (e.g. managed by
 * CloudNativePG) are only granted. Throws with a one-line reason.
 */
export async function ensureSchemaRoles(
  url: string,
  roles: readonly SchemaRole[],
  applicationName = 'pokervod-schema-roles',
): Promise<void> {
  if (roles.length === 0) return;
  const database = databaseNameOf(url);
  const client = await connectClient(url, applicationName);
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    // Postgres 14 and older let every role create tables in public; no block needs that.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    for (const entry of roles) {
      try {
        await ensureRole(client, entry);
        for (const sql of schemaRoleGrants(database, entry)) await client.query(sql);
      } catch (error) {
        throw new Error(
          `Cannot set up role ${quoteIdent(entry.role)} for schema ${quoteIdent(entry.schema)} at ${describePostgresUrl(url)}: ${describeError(error)}`,
        );
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function ensureRole(
  client: { query: (sql: string, params?: unknown[]) => Promise<{ rowCount: number | null }> },
  { role, password }: SchemaRole,
): Promise<void> {
  const r = quoteIdent(role);
  const withPassword = password === undefined ? '' : ` PASSWORD ${quoteLiteral(password)}`;
  const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!existing.rowCount) {
    try {
      await client.query(`CREATE ROLE ${r} LOGIN${withPassword}`);
      return;
    } catch (error) {
      // Another database's runner on the same server made it first (roles are server-wide).
      const code = errorCode(error);
      if (code !== DUPLICATE_OBJECT && code !== UNIQUE_VIOLATION) throw error;
    }
  }
  if (withPassword) await client.query(`ALTER ROLE ${r} WITH LOGIN${withPassword}`);
}
