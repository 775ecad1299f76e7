import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { MigrationResult } from '@pokervod/contracts';
import { ApiKeyGuard } from '@pokervod/service-kit';
import { MigrationOnBoot } from './migration-on-boot';

@Controller('api/migrations')
export class MigrationController {
  constructor(private readonly migrations: MigrationOnBoot) {}

  /** The last run's MigrationResult (null until the start-up run finished). */
  @Get()
  last(): { last_result: MigrationResult | null } {
    return { last_result: this.migrations.lastResult() };
  }

  /** Runs pending migrations now (the HTTP twin of the `database.run_migration` command). */
  @Post('run')
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  run(): Promise<MigrationResult> {
    return this.migrations.run();
  }
}
