import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { migrationsFor } from '@pokervod/migrations';
import { ServiceKitModule } from '@pokervod/service-kit';
import type { ApiConfig } from './api.config';
import { BrowseModule } from './browse/browse.module';
import { ExportModule } from './export/export.module';
import { ApiErrorFilter } from './http/error.filter';
import { ThrottleModule } from './http/throttle.module';
import { OrchestratorProxyModule } from './orchestrator-proxy/orchestrator-proxy.module';
import { ReadModelModule } from './read-model/read-model.module';
import { ReindexModule } from './reindex/reindex.module';
import { SearchModule } from './search/search.module';
import { StreamModule } from './stream/stream.module';

@Module({})
export class AppModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'api', migrations: migrationsFor('search') }, config),
        ThrottleModule.forRoot(config),
        ReadModelModule,
        BrowseModule,
        SearchModule,
        StreamModule,
        ExportModule,
        OrchestratorProxyModule,
        ReindexModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
