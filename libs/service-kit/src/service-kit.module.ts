import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_PIPE, ApplicationConfig } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { APPS } from '@pokervod/contracts';
import { MessagingModule } from '@pokervod/messaging';
import { guardPoolConnections, postgresDataSourceOptions } from '@pokervod/persistence';
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
import { HttpErrorFilter } from './http/http-error.filter';
import { RejectNulPipe } from './http/reject-nul.pipe';
import { RATE_LIMIT_OPTIONS, RateLimitGuard, RateLimitStorage } from './http/rate-limit.guard';

/**
 * What every PokerVOD app has (docs/architecture.md#services): validated
 * config, JSON logs, its Postgres schema, the RabbitMQ bus, `/health/live`,
 * `/health/ready`, `/metrics`, dead-letter admin endpoints, and the HTTP edge:
 * errors as `{code, message}` without internals, NUL characters refused, rate
 * limits.
 */
@Global()
@Module({})
export class ServiceKitModule {
  constructor(appConfig: ApplicationConfig) {
    // Added while modules are instantiated, i.e. before any APP_FILTER: an
    // app's own filter (the API's) is consulted first, this one is the default.
    appConfig.addGlobalFilter(new HttpErrorFilter());
  }

  static forRoot(options: ServiceOptions, config: BaseConfig): DynamicModule {
    const app = APPS[options.app];
    const useMessaging = options.messaging ?? true;
    const imports: DynamicModule['imports'] = [
      LoggerModule.forRoot({ pinoHttp: pinoLoggerOptions(app.name, config.LOG_LEVEL) }),
      TerminusModule.forRoot({ logger: false }),
    ];
    if (app.schema) {
      imports.push(
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...postgresDataSourceOptions({
              url: config.DATABASE_URL,
              schema: app.schema!,
              entities: options.entities ?? [],
              applicationName: app.name,
            }),
            retryAttempts: 10,
            retryDelay: 2000,
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions!).initialize();
            const logger = new Logger('Postgres');
            guardPoolConnections(dataSource, (error) => logger.warn(`a pooled connection failed: ${error.message}`));
            return dataSource;
          },
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
        { provide: APP_PIPE, useClass: RejectNulPipe },
        {
          provide: RATE_LIMIT_OPTIONS,
          useValue: {
            throttlers: [{ name: 'default', limit: config.HTTP_RATE_LIMIT, ttl: config.HTTP_RATE_LIMIT_WINDOW_MS }],
            errorMessage: 'too many requests; slow down',
          },
        },
        RateLimitStorage,
        RateLimitGuard,
      ],
      // Guards are built in the module that uses them: what they inject must be exported.
      exports: [SERVICE_CONFIG, ApiKeyGuard, ReadinessService, RateLimitGuard, RATE_LIMIT_OPTIONS, RateLimitStorage],
    };
  }
}
