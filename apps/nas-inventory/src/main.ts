import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('nas-inventory', baseConfigSchema, (config) => AppModule.register(config));
