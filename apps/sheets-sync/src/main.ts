import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('sheets-sync', baseConfigSchema, (config) => AppModule.register(config));
