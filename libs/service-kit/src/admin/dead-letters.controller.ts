import { Controller, DefaultValuePipe, Get, HttpCode, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { DeadLetter, MessageBus } from '@pokervod/messaging';
import { ApiKeyGuard } from './api-key.guard';

/** Operators list and replay the app's dead letters (DESIGN §3). */
@Controller('admin/dead-letters')
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
  @UseGuards(ApiKeyGuard)
  async replay(@Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number): Promise<{ replayed: number }> {
    return { replayed: await this.bus.replayDeadLetters(clamp(limit)) };
  }
}

const clamp = (n: number) => Math.min(Math.max(1, n), 1000);
