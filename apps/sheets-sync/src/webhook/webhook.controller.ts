import { BadRequestException, Body, Controller, HttpCode, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { RateLimitGuard } from '@pokervod/service-kit';
import { SourceRegistry } from '../sources/source-registry';
import { WebhookSecretGuard } from './webhook-secret.guard';
import { WebhookSignals } from './webhook-signals.service';

const WebhookBodySchema = z
  .object({
    spreadsheet_id: z.string().trim().min(1).max(200).optional(),
    sheet_id: z.string().trim().min(1).max(4096).optional(),
  })
  .refine((b) => b.spreadsheet_id || b.sheet_id, 'give spreadsheet_id or sheet_id');

@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly registry: SourceRegistry,
    private readonly signals: WebhookSignals,
  ) {}

  /**
   * An Apps Script trigger (docs/apps-script/pokervod-webhook.gs) says the
   * sheet changed: accepted at once, synced in the background (a fetch and
   * diff like any other sync; the call is only a signal). Public, so
   * rate-limited before the secret is checked.
   */
  @Post('sheets')
  @HttpCode(202)
  @UseGuards(RateLimitGuard, WebhookSecretGuard)
  accept(@Body() body: unknown): { accepted: true; sheet_id: string; sheet_ids: string[] } {
    const parsed = WebhookBodySchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      );
    }
    const sources = this.registry.find(parsed.data);
    if (sources.length === 0) {
      const named = parsed.data.sheet_id ?? parsed.data.spreadsheet_id;
      throw new NotFoundException(`no configured hand-log source for "${named}" (see SHEETS_SOURCES)`);
    }
    for (const source of sources) this.signals.signal(source);
    const ids = sources.map((s) => s.id);
    return { accepted: true, sheet_id: ids[0] as string, sheet_ids: ids };
  }
}
