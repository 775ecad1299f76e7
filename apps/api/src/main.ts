import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { apiConfigSchema } from './api.config';
import { AppModule } from './app.module';
import { configureApi } from './http/configure-api';

void bootstrapService('api', apiConfigSchema, (config) => AppModule.register(config), configureApi);
