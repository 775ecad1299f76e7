import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('catalog', baseConfigSchema, (config) => AppModule.register(config));
