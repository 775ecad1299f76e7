import type { SchemaRole } from '@pokervod/persistence';
import { MigrationService } from './migration.service';

/**
 * The one-shot migrate job (e.g. a Kubernetes Job or init step): migrates,
 * prints the MigrationResult as one JSON line on stdout for whoever collects
 * it, and returns the process exit code — 0 when every migration is applied,
 * 1 otherwise, with the reason as one line on stderr. With `roles`, it
 * also keeps each schema's role (schemaRolesFromEnv) after migrating.
 */
export async function runMigrateJob(databaseUrl: string, roles: readonly SchemaRole[] = []): Promise<number> {
  const result = await new MigrationService(databaseUrl, roles).run();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.ok) return 0;
  process.stderr.write(`migration failed: ${oneLine(result.error ?? 'unknown error')}\n`);
  return 1;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
