import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { WebhookController } from './webhook.controller';
import { WebhookSecretGuard } from './webhook-secret.guard';
import { WebhookSecretHeader } from './webhook-secret-header';
import { WebhookSignals } from './webhook-signals.service';

@Module({
  imports: [SyncModule],
  controllers: [WebhookController],
  providers: [WebhookSignals, WebhookSecretGuard, WebhookSecretHeader],
})
export class WebhookModule {}
