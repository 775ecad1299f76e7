import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule, dashboardConfigSchema } from './app.module';

void bootstrapService('dashboard', dashboardConfigSchema, (config) => AppModule.register(config));
