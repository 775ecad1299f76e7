import { schemaRolesFromEnv } from './schema-roles.config';

describe('schemaRolesFromEnv', () => {
  const schemas = ['catalog', 'nas'];

  it('keeps no roles unless DATABASE_SCHEMA_ROLES=on', () => {
    expect(schemaRolesFromEnv({}, schemas)).toEqual([]);
    expect(schemaRolesFromEnv({ DATABASE_SCHEMA_ROLES: 'off' }, schemas)).toEqual([]);
  });

  it('names one role per schema, with the password given for it', () => {
    expect(schemaRolesFromEnv({ DATABASE_SCHEMA_ROLES: 'on', DATABASE_ROLE_PASSWORD_NAS: 's3cret' }, schemas)).toEqual([
      { schema: 'catalog', role: 'pokervod_catalog' },
      { schema: 'nas', role: 'pokervod_nas', password: 's3cret' },
    ]);
  });

  it('takes another prefix', () => {
    expect(schemaRolesFromEnv({ DATABASE_SCHEMA_ROLES: 'ON', DATABASE_ROLE_PREFIX: 'pv_' }, ['hands'])).toEqual([
      { schema: 'hands', role: 'pv_hands' },
    ]);
  });

  it.each([
    [{ DATABASE_SCHEMA_ROLES: 'yes' }, /DATABASE_SCHEMA_ROLES: "yes": expected on or off/],
    [{ DATABASE_SCHEMA_ROLES: 'on', DATABASE_ROLE_PREFIX: 'Bad-Prefix' }, /DATABASE_ROLE_PREFIX: "Bad-Prefix"/],
  ])('rejects %j', (env, message) => {
    expect(() => schemaRolesFromEnv(env, schemas)).toThrow(message);
  });
});
