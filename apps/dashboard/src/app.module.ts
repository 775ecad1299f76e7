import { DynamicModule, Module } from '@nestjs/common';
import * as path from 'node:path';
import { z } from 'zod';
import { ServiceKitModule, baseConfigSchema } from '@pokervod/service-kit';
import { FrontendModule } from './spa/frontend.module';

export const dashboardConfigSchema = baseConfigSchema.extend({
  /**
   * Block E, the only service the dashboard talks to (F depends on E only:
   * docs/architecture.md#block-dependencies); `/api/*` is proxied to it.
   */
  API_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** The built SPA; `nx build dashboard` puts it next to main.js. */
  DASHBOARD_WEB_DIR: z.string().min(1).default(path.join(__dirname, 'web')),
});
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

@Module({})
export class AppModule {
  static register(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ app: 'dashboard', messaging: false }, config),
        FrontendModule.register({ apiUrl: config.API_URL, webDir: config.DASHBOARD_WEB_DIR }),
      ],
    };
  }
}
