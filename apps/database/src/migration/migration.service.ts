import { Inject, Injectable, Optional } from '@nestjs/common';
import type { MigrationResult } from '@pokervod/contracts';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { ensureSchemaRoles, runMigrations, type SchemaRole } from '@pokervod/persistence';

/** Injection token for the Postgres URL (DATABASE_URL) block G migrates. */
export const DATABASE_URL_TOKEN = 'DATABASE_URL';

/** Injection token for the schema roles block G keeps after migrating (schemaRolesFromEnv). */
export const SCHEMA_ROLES_TOKEN = 'SCHEMA_ROLES';

export const MIGRATION_APPLICATION_NAME = 'pokervod-database-migrate';

/**
 * Block G: creates the database and brings every block's schema up to date.
 * Safe to call while another replica or the migrate job runs: runners queue
 * on an advisory lock and each migration runs once.
 */
@Injectable()
export class MigrationService {
  constructor(
    @Inject(DATABASE_URL_TOKEN) private readonly databaseUrl: string,
    @Optional() @Inject(SCHEMA_ROLES_TOKEN) private readonly roles: readonly SchemaRole[] = [],
  ) {}

  /**
   * Never rejects: an unreachable database is reported like a failed
   * migration (ok:false with the reason), so a `database.run_migration`
   * command always gets a MigrationResult back.
   */
  async run(): Promise<MigrationResult> {
    const startedAt = performance.now();
    try {
      const result = await runMigrations({
        url: this.databaseUrl,
        plan: MIGRATION_PLAN,
        applicationName: MIGRATION_APPLICATION_NAME,
      });
      // After the migrations, so the grants cover every table they made.
      if (result.ok) await ensureSchemaRoles(this.databaseUrl, this.roles, MIGRATION_APPLICATION_NAME);
      return result;
    } catch (error) {
      return {
        ok: false,
        applied: [],
        pending_before: 0,
        duration_ms: Math.round(performance.now() - startedAt),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
