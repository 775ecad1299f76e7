import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { handsConfigSchema } from './hand-analysis.config';

void bootstrapService('hand-analysis', handsConfigSchema, (config) => AppModule.register(config));
