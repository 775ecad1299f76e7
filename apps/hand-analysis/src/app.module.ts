import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { AnalysisModule } from './analysis/analysis.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'hand-analysis', migrations: migrationsFor('hands') }, config),
        AnalysisModule,
      ],
    };
  }
}
