import { DynamicModule, Module } from '@nestjs/common';
import { migrationsFor } from '@pokervod/migrations';
import { BaseConfig, ServiceKitModule } from '@pokervod/service-kit';
import { CatalogUpdateModule } from './catalog-update/catalog-update.module';

@Module({})
export class AppModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'catalog', migrations: migrationsFor('catalog') }, config),
        CatalogUpdateModule,
      ],
    };
  }
}
