import './instrument';
import { ConfigError, baseConfigSchema, bootstrapService, loadConfig } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { runMigrateJob } from './migration/migrate-job';

// `main.js migrate` is the one-shot job (Kubernetes Job, `npm start`); without it, the service.
if (process.argv[2] === 'migrate') {
  try {
    const { DATABASE_URL } = loadConfig('database', baseConfigSchema);
    void runMigrateJob(DATABASE_URL).then((code) => process.exit(code));
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
} else {
  void bootstrapService('database', baseConfigSchema, (config) => AppModule.register(config));
}
