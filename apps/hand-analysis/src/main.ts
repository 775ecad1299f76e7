import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('hand-analysis', baseConfigSchema, (config) => AppModule.register(config));
