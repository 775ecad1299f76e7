import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { MigrationClass } from './migration-class';
import { CONNECT_TIMEOUT_MS } from './pg-client';

/** Each schema keeps its own migration history, in this table inside the schema. */
export const MIGRATIONS_TABLE = 'migrations';

/** Connections per DataSource: apps are small and share one Postgres with every other block. */
export const POOL_MAX = 5;

export interface PostgresDataSourceInput {
  url: string;
  /** The block's schema: default for its entities and home of its migration history. */
  schema: string;
  entities: NonNullable<PostgresConnectionOptions['entities']>;
  migrations?: readonly MigrationClass[];
  /** Shows in pg_stat_activity, so operators (and tests) can tell whose backends are whose. */
  applicationName: string;
}

/**
 * TypeORM options for one block's DataSource. The schema is changed only by
 * explicit migrations (run by block G), never by `synchronize` or on boot.
 */
export function postgresDataSourceOptions(input: PostgresDataSourceInput): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: input.url,
    schema: input.schema,
    entities: input.entities,
    migrations: [...(input.migrations ?? [])],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    applicationName: input.applicationName,
    poolSize: POOL_MAX,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // Errors are reported by callers; TypeORM's own console logging would pollute JSON stdout.
    logging: false,
  };
}
