export {
  postgresDataSourceOptions,
  MIGRATIONS_TABLE,
  POOL_MAX,
  type PostgresDataSourceInput,
} from './data-source-options';
export { ensureDatabase } from './ensure-database';
export { messagingTablesMigration, MESSAGING_TABLES_MIGRATION_NAME } from './messaging-tables.migration';
export { type MigrationClass, migrationName, migrationNamesInRunOrder, migrationTimestamp } from './migration-class';
export { pendingMigrations, type PendingMigrationsInput } from './pending-migrations';
export { runMigrations, MIGRATION_LOCK_KEY, type MigrationPlanStep, type RunMigrationsInput } from './run-migrations';
export { DatabaseUnreachableError, CONNECT_TIMEOUT_MS, connectClient, describeError } from './pg-client';
export { databaseNameOf, describePostgresUrl, quoteIdent } from './postgres-url';
export { AdvisoryLeadership, type AdvisoryLeadershipOptions, type LeadershipLogger } from './advisory-leadership';
export { ensureSchemaRoles, schemaRoleGrants, quoteLiteral, type SchemaRole } from './schema-roles';
export { isTransactionConflict, transactionRetryingConflicts } from './conflict-retry';
export { guardPoolConnections } from './pool-guard';
