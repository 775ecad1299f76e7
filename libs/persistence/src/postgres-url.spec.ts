import { databaseNameOf, describePostgresUrl, maintenanceUrlOf, quoteIdent } from './postgres-url';

describe('postgres url helpers', () => {
  const url = 'postgres://app:s3cret@db.local:6432/pokervod?sslmode=disable';

  it('reads the database name', () => {
    expect(databaseNameOf(url)).toBe('pokervod');
    expect(databaseNameOf('postgres://postgres@127.0.0.1:5432/my%20db')).toBe('my db');
  });

  it('refuses a URL without a database', () => {
    expect(() => databaseNameOf('postgres://postgres@127.0.0.1:5432')).toThrow(/names no database/);
  });

  it('points the maintenance URL at the postgres database, keeping everything else', () => {
    const maintenance = new URL(maintenanceUrlOf(url));
    expect(maintenance.pathname).toBe('/postgres');
    expect(maintenance.username).toBe('app');
    expect(maintenance.password).toBe('s3cret');
    expect(maintenance.host).toBe('db.local:6432');
    expect(maintenance.search).toBe('?sslmode=disable');
  });

  it('describes a URL without its credentials', () => {
    expect(describePostgresUrl(url)).toBe('db.local:6432/pokervod');
    expect(describePostgresUrl('postgres://postgres@127.0.0.1/x')).toBe('127.0.0.1:5432/x');
    expect(describePostgresUrl('not a url')).toBe('<invalid Postgres URL>');
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('orchestrator')).toBe('"orchestrator"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
