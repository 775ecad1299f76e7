import type { SchemaRole } from '@pokervod/persistence';

const ROLE_PREFIX = /^[a-z_][a-z0-9_]{0,40}$/;

/**
 * Which schema roles block G keeps (issue 14: each block connects as its own
 * role, allowed only its schema):
 * - `DATABASE_SCHEMA_ROLES=on` turns it on (default off: a single-user setup
 *   such as `npm start` needs none);
 * - the role of schema `catalog` is `<DATABASE_ROLE_PREFIX>catalog`
 *   (prefix default `pokervod_`);
 * - `DATABASE_ROLE_PASSWORD_<SCHEMA>` (e.g. `DATABASE_ROLE_PASSWORD_CATALOG`)
 *   sets or rotates its password; unset leaves it alone (trust auth, or roles
 *   managed elsewhere such as CloudNativePG's managed roles).
 * Throws one line per problem on bad values.
 */
export function schemaRolesFromEnv(env: NodeJS.ProcessEnv, schemas: readonly string[]): SchemaRole[] {
  const switchValue = (env['DATABASE_SCHEMA_ROLES'] ?? 'off').trim().toLowerCase();
  if (switchValue !== 'on' && switchValue !== 'off') {
    throw new Error(`DATABASE_SCHEMA_ROLES: "${env['DATABASE_SCHEMA_ROLES']}": expected on or off`);
  }
  if (switchValue === 'off') return [];
  const prefix = env['DATABASE_ROLE_PREFIX'] ?? 'pokervod_';
  if (!ROLE_PREFIX.test(prefix)) {
    throw new Error(`DATABASE_ROLE_PREFIX: "${prefix}": expected lower-case letters, digits and _`);
  }
  return schemas.map((schema) => {
    const password = env[`DATABASE_ROLE_PASSWORD_${schema.toUpperCase()}`];
    return password ? { schema, role: `${prefix}${schema}`, password } : { schema, role: `${prefix}${schema}` };
  });
}
