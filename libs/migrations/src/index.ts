export { MIGRATION_PLAN, migrationsFor } from './plan';
