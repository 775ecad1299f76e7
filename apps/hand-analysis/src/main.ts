import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { handsConfigSchema } from './hands.config';

void bootstrapService('hand-analysis', handsConfigSchema, (config) => AppModule.register(config));
