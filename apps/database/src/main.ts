import './instrument';
import { baseConfigSchema, bootstrapService, loadConfig } from '@pokervod/service-kit';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { AppModule } from './app.module';
import { runMigrateJob } from './migration/migrate-job';
import { schemaRolesFromEnv } from './migration/schema-roles.config';

/** Every block's schema gets its role (block G's own too, unused: G connects as the owner). */
const SCHEMA_NAMES = MIGRATION_PLAN.map((step) => step.schema);

// `main.js migrate` is the one-shot job (Kubernetes Job, `npm start`); without it, the service.
if (process.argv[2] === 'migrate') {
  try {
    const { DATABASE_URL } = loadConfig('database', baseConfigSchema);
    const roles = schemaRolesFromEnv(process.env, SCHEMA_NAMES);
    void runMigrateJob(DATABASE_URL, roles).then((code) => process.exit(code));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
} else {
  void bootstrapService('database', baseConfigSchema, (config) =>
    AppModule.register(config, schemaRolesFromEnv(process.env, SCHEMA_NAMES)),
  );
}
