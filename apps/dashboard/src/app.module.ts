import { DynamicModule, Module } from '@nestjs/common';
import { z } from 'zod';
import { ServiceKitModule, baseConfigSchema } from '@pokervod/service-kit';
import { UiModule } from './ui/ui.module';

export const dashboardConfigSchema = baseConfigSchema.extend({
  /** Block E, the only service the dashboard talks to (seed §2.1: F depends on E). */
  API_URL: z.string().url().default('http://127.0.0.1:3000'),
});
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

@Module({})
export class AppModule {
  static register(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'dashboard', messaging: false }, config),
        UiModule.register(config.API_URL),
      ],
    };
  }
}
