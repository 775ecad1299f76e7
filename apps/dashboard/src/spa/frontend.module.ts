import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DashboardReadiness } from '../api-proxy/api-reachability';
import { DASHBOARD_OPTIONS, DashboardOptions, FrontendMiddleware } from './frontend.middleware';
import { SpaFiles } from './spa-files';

@Module({})
export class FrontendModule implements NestModule {
  static register(options: DashboardOptions): DynamicModule {
    return {
      module: FrontendModule,
      providers: [
        { provide: DASHBOARD_OPTIONS, useValue: options },
        { provide: SpaFiles, useFactory: () => new SpaFiles(options.webDir) },
        DashboardReadiness,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FrontendMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
