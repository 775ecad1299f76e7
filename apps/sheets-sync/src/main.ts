import './instrument';
import { bootstrapService } from '@pokervod/service-kit';
import { AppModule } from './app.module';
import { sheetsConfigSchema } from './sheets-sync.config';

void bootstrapService('sheets-sync', sheetsConfigSchema, (config) => AppModule.register(config));
