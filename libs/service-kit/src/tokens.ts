import type { AppName } from '@pokervod/contracts';
import type { DataSourceOptions } from 'typeorm';
import type { MigrationClass } from '@pokervod/persistence';

/** The validated configuration object (see `loadConfig`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');

export interface ServiceOptions {
  app: AppName;
  /** TypeORM entities of the app's schema. */
  entities?: NonNullable<DataSourceOptions['entities']>;
  /** The schema's migrations: the app is not ready until all are applied (block G runs them). */
  migrations?: readonly MigrationClass[];
  /** Set false for an app that does not use the bus (the dashboard). */
  messaging?: boolean;
}
