import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { orchestratorConfigSchema } from './orchestrator.config';

void bootstrapService('orchestrator', orchestratorConfigSchema, (config) => AppModule.register(config));
