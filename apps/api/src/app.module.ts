import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { ReadModelModule } from './read-model/read-model.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ app: 'api', migrations: migrationsFor('search') }, config), ReadModelModule],
    };
  }
}
