import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiConfig } from '../api.config';

/**
 * The API's HTTP setup before listening, on top of every app's edge
 * (helmet, body limits by HTTP_BODY_LIMIT): proxy awareness (client addresses
 * for rate limits) and the OpenAPI document (`/api/docs`, `/api/docs-json`).
 * Tests call it too, so they serve what production does.
 */
export function configureApi(nest: INestApplication, config: ApiConfig): void {
  const app = nest as NestExpressApplication;
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  if (!config.API_DOCS) return;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('PokerVOD API')
      .setDescription(
        'Browse, search, play and export poker hands (Block E). Errors are `{code, message}`; lists are ' +
          'cursor-paginated (`limit`, `cursor` → `next_cursor`). See docs/api.md.',
      )
      .setVersion('1')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
