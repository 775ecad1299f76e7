import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('api', baseConfigSchema, (config) => AppModule.register(config));
