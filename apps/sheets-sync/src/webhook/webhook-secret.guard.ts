import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { SheetsConfig } from '../sheets-sync.config';
import { secretMatches } from './webhook-secret';
import { WEBHOOK_SECRET_HEADER, presentedSecret } from './webhook-secret-header';

/** The Apps Script proves itself with the shared secret; no secret configured: the webhook is off. */
@Injectable()
export class WebhookSecretGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: SheetsConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.SHEETS_WEBHOOK_SECRET;
    if (!expected) {
      throw new ServiceUnavailableException('the sheets webhook is disabled: SHEETS_WEBHOOK_SECRET is not set');
    }
    const req = context.switchToHttp().getRequest<Request>();
    const given = presentedSecret(req) ?? req.header(WEBHOOK_SECRET_HEADER);
    if (!secretMatches(given, expected)) throw new UnauthorizedException('missing or wrong X-PokerVOD-Webhook-Secret');
    return true;
  }
}
