import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  INestApplication,
  Module,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { ApiKeyGuard } from '../admin/api-key.guard';
import { baseConfigSchema, loadConfig } from '../config/service-config';
import { ServiceKitModule } from '../service-kit.module';
import { applyHttpEdge } from './http-edge';
import { RateLimitGuard } from './rate-limit.guard';

const KEY = 'edge-test-key-0123456789abcdef';

@Controller('t')
class EdgeTestController {
  @Get('echo')
  echo(@Query('q') q: unknown) {
    return { q };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED at Object.<anonymous> (/srv/app/main.js:10:5)');
  }

  @Post('body')
  @HttpCode(200)
  body(@Body() body: unknown) {
    return { body };
  }

  @Post('mutate')
  @HttpCode(200)
  @UseGuards(RateLimitGuard, ApiKeyGuard)
  mutate() {
    return { done: true };
  }
}

@Catch()
class OwnFilter implements ExceptionFilter {
  catch(_error: unknown, host: ArgumentsHost) {
    host.switchToHttp().getResponse<Response>().status(418).json({ own: true });
  }
}

/** An app on ServiceKitModule (no database, no bus), started the way bootstrapService starts one. */
async function start(env: Record<string, string>, ownFilter = false): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig('dashboard', baseConfigSchema, { LOG_LEVEL: 'silent', ORCHESTRATOR_API_KEY: KEY, ...env });
  @Module({
    imports: [ServiceKitModule.forRoot({ app: 'dashboard', messaging: false }, config)],
    controllers: [EdgeTestController],
    providers: ownFilter ? [{ provide: APP_FILTER, useClass: OwnFilter }] : [],
  })
  class EdgeTestModule {}
  const app = await NestFactory.create(EdgeTestModule, { logger: false });
  applyHttpEdge(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('the HTTP edge of every app', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await start({ HTTP_BODY_LIMIT: '1kb', HTTP_RATE_LIMIT: '3' }));
  });
  afterAll(() => app.close());

  const json = async (res: globalThis.Response) => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  });

  it('answers an unexpected error with a 500 that says nothing about the inside', async () => {
    const res = await fetch(`${url}/t/boom`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ code: 'internal', message: 'internal error' });
    expect(text).not.toMatch(/ECONNREFUSED|main\.js|at /);
  });

  it('refuses NUL characters in query values with a 400 naming the parameter; bad UTF-8 is only replaced', async () => {
    expect(await json(await fetch(`${url}/t/echo?q=a%00%FF%FE`))).toEqual({
      status: 400,
      body: { code: 'invalid_request', message: 'query.q: NUL characters are not allowed' },
    });
    expect(await json(await fetch(`${url}/t/echo?q=%FF%FE`))).toEqual({
      status: 200,
      body: { q: '\uFFFD\uFFFD' },
    });
  });

  it('refuses NUL characters anywhere in a JSON body', async () => {
    const res = await fetch(`${url}/t/body`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tags: ['ok', 'n\u0000'] }),
    });
    expect(await json(res)).toEqual({
      status: 400,
      body: { code: 'invalid_request', message: 'body.tags.1: NUL characters are not allowed' },
    });
  });

  it.each([
    ['malformed JSON', 'application/json', '{"a":', 400, 'invalid_request'],
    [
      'a body over HTTP_BODY_LIMIT',
      'application/json',
      JSON.stringify({ a: 'x'.repeat(2000) }),
      413,
      'payload_too_large',
    ],
    ['an unsupported charset', 'application/json; charset=latin1', '{}', 415, 'unsupported_media_type'],
  ])('answers %s with its 4xx and {code, message}', async (_what, type, body, status, code) => {
    const res = await fetch(`${url}/t/body`, { method: 'POST', headers: { 'content-type': type }, body });
    const answer = await json(res);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ code, message: expect.any(String) });
    expect(answer.body['message']).not.toMatch(/\n\s+at /);
  });

  it('answers an unknown route with 404 {code, message}', async () => {
    expect(await json(await fetch(`${url}/nope`))).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'Cannot GET /nope' },
    });
  });

  it('sets helmet’s headers, without upgrading requests to HTTPS', async () => {
    const res = await fetch(`${url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('checks the API key, then rate-limits per client and route: 429 with Retry-After', async () => {
    const post = (key?: string) =>
      fetch(`${url}/t/mutate`, { method: 'POST', headers: key ? { 'x-api-key': key } : {} });
    expect(await json(await post())).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: 'missing or wrong X-API-Key' },
    });
    expect((await post('wrong')).status).toBe(401);
    expect((await post(KEY)).status).toBe(200);
    const limited = await post(KEY);
    expect(await json(limited)).toEqual({
      status: 429,
      body: { code: 'too_many_requests', message: 'too many requests; slow down' },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('apps with other settings', () => {
  it('keeps an app’s own error filter: service-kit’s is only the default', async () => {
    const { app, url } = await start({}, true);
    try {
      const res = await fetch(`${url}/t/boom`);
      expect(res.status).toBe(418);
      expect(await res.json()).toEqual({ own: true });
    } finally {
      await app.close();
    }
  });

  it('refuses operator endpoints when no API key is configured (empty means unset)', async () => {
    const { app, url } = await start({ ORCHESTRATOR_API_KEY: '' });
    try {
      const res = await fetch(`${url}/t/mutate`, { method: 'POST', headers: { 'x-api-key': KEY } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        code: 'forbidden',
        message: 'ORCHESTRATOR_API_KEY is not set: operator endpoints are disabled',
      });
    } finally {
      await app.close();
    }
  });
});
