import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { APPS } from '@pokervod/contracts';
import { MessagingModule } from '@pokervod/messaging';
import { postgresDataSourceOptions } from '@pokervod/persistence';
import { retryPolicyFor } from '@pokervod/resilience';
import { pinoLoggerOptions } from '@pokervod/telemetry';
import { TelemetryFlush } from './telemetry-flush';
import type { BaseConfig } from './config/service-config';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { MetricsController } from './metrics/metrics.controller';
import { DeadLettersController } from './admin/dead-letters.controller';
import { ApiKeyGuard } from './admin/api-key.guard';
import { SERVICE_CONFIG, SERVICE_OPTIONS, ServiceOptions } from './tokens';

/**
 * What every PokerVOD app has (DESIGN §1): validated config, JSON logs,
 * its Postgres schema, the RabbitMQ bus, `/health/live`, `/health/ready`,
 * `/metrics`, and dead-letter admin endpoints.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceOptions, config: BaseConfig): DynamicModule {
    const app = APPS[options.app];
    const useMessaging = options.messaging ?? true;
    const imports: DynamicModule['imports'] = [
      LoggerModule.forRoot({ pinoHttp: pinoLoggerOptions(app.name, config.LOG_LEVEL) }),
      TerminusModule.forRoot({ logger: false }),
    ];
    if (app.schema) {
      imports.push(
        TypeOrmModule.forRoot({
          ...postgresDataSourceOptions({
            url: config.DATABASE_URL,
            schema: app.schema,
            entities: options.entities ?? [],
            applicationName: app.name,
          }),
          retryAttempts: 10,
          retryDelay: 2000,
        }),
      );
    }
    if (useMessaging) {
      imports.push(
        MessagingModule.forRootAsync({
          inject: app.schema ? [DataSource] : [],
          useFactory: (dataSource?: DataSource) => ({
            url: config.AMQP_URL,
            app: app.name,
            block: app.block,
            retryPolicy: retryPolicyFor(app.block === 'orchestrator' ? 'orchestrator' : app.block),
            exchange: config.AMQP_EXCHANGE,
            commandExchange: config.AMQP_COMMAND_EXCHANGE,
            queuePrefix: config.AMQP_QUEUE_PREFIX,
            prefetch: config.AMQP_PREFETCH,
            dataSource,
            schema: app.schema ?? undefined,
            drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
            logger: new Logger('MessageBus'),
          }),
        }),
      );
    }
    return {
      module: ServiceKitModule,
      imports,
      controllers: [HealthController, MetricsController, ...(useMessaging ? [DeadLettersController] : [])],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_OPTIONS, useValue: options },
        ReadinessService,
        ApiKeyGuard,
        TelemetryFlush,
      ],
      exports: [SERVICE_CONFIG, ApiKeyGuard, ReadinessService],
    };
  }
}
