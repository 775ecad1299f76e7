import { BadGatewayException, Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { PAGE } from './page';

export const API_URL = Symbol('API_URL');

/**
 * Walking skeleton of block F: one page that reads block E through a
 * same-origin proxy. The React UI (catalog, hand search, player) replaces it.
 */
@Controller()
export class UiController {
  constructor(@Inject(API_URL) private readonly apiUrl: string) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('api/sync-history')
  async syncHistory(@Query('limit') limit?: string): Promise<unknown> {
    const url = new URL('/api/sync-history', this.apiUrl);
    if (limit && /^\d{1,3}$/.test(limit)) url.searchParams.set('limit', limit);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`API answered ${res.status}`);
      return await res.json();
    } catch (error) {
      throw new BadGatewayException(`API unreachable at ${this.apiUrl}: ${(error as Error).message}`);
    }
  }
}
