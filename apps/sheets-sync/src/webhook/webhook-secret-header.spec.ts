import { IncomingHttpHeaders, IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';
import { WebhookSecretHeader, presentedSecret } from './webhook-secret-header';

describe('WebhookSecretHeader', () => {
  it('takes the secret off the request before any other listener (the access log) sees it', async () => {
    let seen: { headers: IncomingHttpHeaders; secret: string | undefined } | null = null;
    const server = createServer((req: IncomingMessage, res) => {
      seen = { headers: { ...req.headers }, secret: presentedSecret(req) };
      res.end('ok');
    });
    new WebhookSecretHeader({
      httpAdapter: { getHttpServer: () => server },
    } as unknown as HttpAdapterHost).onModuleInit();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/webhooks/sheets`, {
        method: 'POST',
        headers: { 'X-PokerVOD-Webhook-Secret': 'the-secret-0123456789', 'x-other': '1' },
      });
      expect(seen).toEqual({
        headers: expect.not.objectContaining({ 'x-pokervod-webhook-secret': expect.anything() }),
        secret: 'the-secret-0123456789',
      });
      expect(seen!.headers['x-other']).toBe('1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
