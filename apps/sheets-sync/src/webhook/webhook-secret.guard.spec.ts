import { ExecutionContext, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import type { SheetsConfig } from '../sheets-sync.config';
import { WebhookSecretGuard } from './webhook-secret.guard';

const SECRET = 'a-long-enough-webhook-secret';
const request = (headers: Record<string, string>): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ header: (name: string) => headers[name.toLowerCase()] }) }),
  }) as unknown as ExecutionContext;
const guard = (secret?: string) => new WebhookSecretGuard({ SHEETS_WEBHOOK_SECRET: secret } as SheetsConfig);

describe('WebhookSecretGuard', () => {
  it('lets the right secret through', () => {
    expect(guard(SECRET).canActivate(request({ 'x-pokervod-webhook-secret': SECRET }))).toBe(true);
  });

  it('refuses a wrong or missing secret with 401', () => {
    expect(() => guard(SECRET).canActivate(request({ 'x-pokervod-webhook-secret': 'nope' }))).toThrow(
      UnauthorizedException,
    );
    expect(() => guard(SECRET).canActivate(request({}))).toThrow(UnauthorizedException);
  });

  it('answers 503 with a clear message while no secret is configured', () => {
    expect(() => guard(undefined).canActivate(request({ 'x-pokervod-webhook-secret': SECRET }))).toThrow(
      new ServiceUnavailableException('the sheets webhook is disabled: SHEETS_WEBHOOK_SECRET is not set'),
    );
  });
});
