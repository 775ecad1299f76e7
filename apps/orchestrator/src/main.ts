import './instrument';
import { baseConfigSchema, bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';

void bootstrapService('orchestrator', baseConfigSchema, (config) => AppModule.register(config));
