import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { APPS } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { pendingMigrations } from '@pokervod/persistence';
import { SERVICE_OPTIONS, ServiceOptions } from '../tokens';

const PING_TIMEOUT_MS = 2000;

/** What an app-specific readiness check finds: null (fine), a problem, or either with details. */
export type ReadinessProblem = string | null | { problem: string | null; details: Record<string, unknown> };

/** The checks behind `/health/ready` (docs/architecture.md#services): RabbitMQ, Postgres, migrations applied. */
@Injectable()
export class ReadinessService {
  private migrationsApplied = false;
  private readonly extra = new Map<string, () => Promise<ReadinessProblem>>();

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceOptions,
    @Optional() private readonly bus?: MessageBus,
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  /**
   * Adds an app-specific check: `problem()` resolves to null when fine, else
   * what is wrong — or `{problem, details}` to show details either way.
   */
  register(name: string, problem: () => Promise<ReadinessProblem>): void {
    this.extra.set(name, problem);
  }

  checks(): (() => Promise<HealthIndicatorResult>)[] {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [];
    const { bus, dataSource } = this;
    if (bus) checks.push(() => this.rabbitmq(bus));
    if (dataSource)
      checks.push(
        () => this.postgres(dataSource),
        () => this.migrations(dataSource),
      );
    for (const [name, problem] of this.extra) {
      checks.push(async () => {
        const found = await problem().catch((error: Error) => error.message);
        const check = this.indicators.check(name);
        if (found === null || typeof found === 'string')
          return found === null ? check.up() : check.down({ problem: found });
        return found.problem === null
          ? check.up(found.details)
          : check.down({ problem: found.problem, ...found.details });
      });
    }
    return checks;
  }

  private async rabbitmq(bus: MessageBus): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('rabbitmq');
    const problems = bus.readinessProblems();
    return problems.length === 0 ? check.up({ queue: bus.names.queue }) : check.down({ problems });
  }

  private async postgres(dataSource: DataSource): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('postgres');
    try {
      await withTimeout(dataSource.query('SELECT 1'), PING_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async migrations(dataSource: DataSource): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    // Applied migrations are never un-applied: once seen complete, stop asking.
    if (this.migrationsApplied) return check.up();
    const schema = APPS[this.options.app].schema ?? 'public';
    try {
      const pending = await withTimeout(
        pendingMigrations({ dataSource, schema, migrations: this.options.migrations ?? [] }),
        PING_TIMEOUT_MS,
      );
      if (pending.length > 0) return check.down({ pending, hint: 'run: node dist/apps/database/main.js migrate' });
      this.migrationsApplied = true;
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
