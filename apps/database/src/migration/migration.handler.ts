import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { MigrationResult } from '@pokervod/contracts';
import { MigrationOnBoot } from './migration-on-boot';

/** Block G's `run_migration()` over the bus (the HTTP route shares the runner). */
@Controller()
export class MigrationHandler {
  constructor(private readonly migrations: MigrationOnBoot) {}

  @MessagePattern('database.run_migration')
  run(): Promise<MigrationResult> {
    return this.migrations.run();
  }
}
