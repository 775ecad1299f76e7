import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { UnmatchedRow, UnmatchedRowRepository } from './unmatched-row.repository';

@Controller('api/orchestrator')
export class UnmatchedController {
  constructor(private readonly unmatched: UnmatchedRowRepository) {}

  /** Sheet rows that matched no file or no single episode, with the reason; newest first. */
  @Get('unmatched')
  async list(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ): Promise<{ total: number; rows: UnmatchedRow[] }> {
    const [total, rows] = await Promise.all([
      this.unmatched.count(),
      this.unmatched.list(Math.min(Math.max(limit, 1), 1000)),
    ]);
    return { total, rows };
  }
}
