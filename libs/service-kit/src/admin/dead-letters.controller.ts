import { Controller, DefaultValuePipe, Get, HttpCode, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { DeadLetter, MessageBus } from '@pokervod/messaging';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { ApiKeyGuard } from './api-key.guard';

/**
 * Operators list and replay the app's dead letters
 * (docs/architecture.md#messaging-topology). Both need the API key — the list
 * holds whole message bodies — and are rate-limited (before the key check, so
 * guessing keys is limited too).
 */
@Controller('admin/dead-letters')
@UseGuards(RateLimitGuard, ApiKeyGuard)
export class DeadLettersController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  async list(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ): Promise<{ queue: string; dead_letters: DeadLetter[] }> {
    return { queue: this.bus.names.deadLetterQueue, dead_letters: await this.bus.listDeadLetters(clamp(limit)) };
  }

  @Post('replay')
  @HttpCode(200)
  async replay(@Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number): Promise<{ replayed: number }> {
    return { replayed: await this.bus.replayDeadLetters(clamp(limit)) };
  }
}

const clamp = (n: number) => Math.min(Math.max(1, n), 1000);
