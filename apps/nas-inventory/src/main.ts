import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { nasConfigSchema } from './nas-inventory.config';

void bootstrapService('nas-inventory', nasConfigSchema, (config) => AppModule.register(config));
