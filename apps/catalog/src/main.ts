import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { catalogConfigSchema } from './catalog.config';

void bootstrapService('catalog', catalogConfigSchema, (config) => AppModule.register(config));
